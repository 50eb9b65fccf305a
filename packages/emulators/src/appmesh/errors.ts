import { AwsServiceError } from '../aws-common/service-error.ts';

/** The App Mesh error types, each with the HTTP status the service model gives it. */
export const appMeshErrorStatus = {
  BadRequestException: 400,
  ConflictException: 409,
  ForbiddenException: 403,
  InternalServerErrorException: 500,
  LimitExceededException: 400,
  NotFoundException: 404,
  ResourceInUseException: 409,
  ServiceUnavailableException: 503,
  TooManyRequestsException: 429,
  TooManyTagsException: 400,
} as const;

export type AppMeshErrorType = keyof typeof appMeshErrorStatus;

export const appMeshErrorTypes = Object.keys(appMeshErrorStatus) as AppMeshErrorType[];

/** An error the emulator answers with: status, `x-amzn-ErrorType` and `{"message"}` on the wire. */
export class AppMeshError extends AwsServiceError {
  declare readonly type: AppMeshErrorType;

  constructor(type: AppMeshErrorType, message: string, options?: { cause?: unknown }) {
    super(type, appMeshErrorStatus[type], message, options);
  }
}

export const badRequest = (message: string) => new AppMeshError('BadRequestException', message);
export const notFound = (message: string) => new AppMeshError('NotFoundException', message);
export const conflict = (message: string) => new AppMeshError('ConflictException', message);
export const forbidden = (message: string) => new AppMeshError('ForbiddenException', message);
export const inUse = (message: string) => new AppMeshError('ResourceInUseException', message);
export const limitExceeded = (message: string) => new AppMeshError('LimitExceededException', message);

export const isAppMeshErrorType = (value: string): value is AppMeshErrorType => value in appMeshErrorStatus;
