import { AwsServiceError } from '../aws-common/service-error.ts';

/**
 * Cloud Map's error types. The protocol is awsJson1_1: every client error answers 400 with
 * `{"__type", "Message"}` (plus the members an error shape adds); throttling answers ThrottlingException,
 * the common AWS code the SDK retries, though the model does not list it.
 */
export const cloudMapErrorStatus = {
  CustomHealthNotFound: 400,
  DuplicateRequest: 400,
  InstanceNotFound: 400,
  InvalidInput: 400,
  NamespaceAlreadyExists: 400,
  NamespaceNotFound: 400,
  OperationNotFound: 400,
  RequestLimitExceeded: 400,
  ResourceInUse: 400,
  ResourceLimitExceeded: 400,
  ResourceNotFoundException: 400,
  ServiceAlreadyExists: 400,
  ServiceAttributesLimitExceededException: 400,
  ServiceNotFound: 400,
  TooManyTagsException: 400,
  ThrottlingException: 400,
  ServiceUnavailable: 503,
  InternalFailure: 500,
} as const;

export type CloudMapErrorType = keyof typeof cloudMapErrorStatus;

export const cloudMapErrorTypes = Object.keys(cloudMapErrorStatus) as CloudMapErrorType[];

/** A Cloud Map error; `fields` are the members its shape adds to Message (e.g. ServiceAlreadyExists' ServiceId). */
export class CloudMapError extends AwsServiceError {
  declare readonly type: CloudMapErrorType;

  constructor(type: CloudMapErrorType, message: string, fields: Record<string, unknown> = {}) {
    super(type, cloudMapErrorStatus[type], message, { fields });
  }
}

export const invalidInput = (message: string) => new CloudMapError('InvalidInput', message);
