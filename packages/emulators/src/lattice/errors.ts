import { AwsServiceError } from '../aws-common/service-error.ts';

/** The VPC Lattice error types with the HTTP status the service model gives each (§2.4). */
export const latticeErrorStatus = {
  AccessDeniedException: 403,
  ConflictException: 409,
  InternalServerException: 500,
  ResourceNotFoundException: 404,
  ServiceQuotaExceededException: 402,
  ThrottlingException: 429,
  ValidationException: 400,
} as const;

export type LatticeErrorType = keyof typeof latticeErrorStatus;

export const latticeErrorTypes = Object.keys(latticeErrorStatus) as LatticeErrorType[];

/** Upper snake case of the resource, as `resourceType` carries it (§2.4). */
export type ResourceType =
  | 'SERVICE_NETWORK'
  | 'SERVICE'
  | 'LISTENER'
  | 'RULE'
  | 'TARGET_GROUP'
  | 'SERVICE_NETWORK_SERVICE_ASSOCIATION'
  | 'SERVICE_NETWORK_VPC_ASSOCIATION'
  | 'ACCESS_LOG_SUBSCRIPTION'
  | 'AUTH_POLICY'
  | 'RESOURCE_POLICY'
  | 'TARGET';

export type ValidationReason = 'unknownOperation' | 'cannotParse' | 'fieldValidationFailed' | 'other';

/** A Lattice error: its body members (resourceId, quotaCode, fieldList …) travel beside `message`. */
export class LatticeError extends AwsServiceError {
  declare readonly type: LatticeErrorType;

  constructor(
    type: LatticeErrorType,
    message: string,
    extra: { fields?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(type, latticeErrorStatus[type], message, extra);
  }
}

export interface FieldProblem {
  readonly name: string;
  readonly message: string;
}

export const validation = (
  message: string,
  fieldList: readonly FieldProblem[] = [],
  reason: ValidationReason = fieldList.length > 0 ? 'fieldValidationFailed' : 'other',
) =>
  new LatticeError('ValidationException', message, {
    fields: { reason, ...(fieldList.length ? { fieldList } : {}) },
  });

/** A problem with one input member, as a ValidationException naming it in fieldList. */
export const invalidField = (name: string, message: string) =>
  validation(`${name}: ${message}`, [{ name, message }]);

export const notFound = (resourceType: ResourceType, resourceId: string, message?: string) =>
  new LatticeError('ResourceNotFoundException', message ?? `${resourceType} ${resourceId} was not found`, {
    fields: { resourceId, resourceType },
  });

export const conflict = (resourceType: ResourceType, resourceId: string, message: string) =>
  new LatticeError('ConflictException', message, { fields: { resourceId, resourceType } });

export const accessDenied = (message: string) => new LatticeError('AccessDeniedException', message);

export const throttled = (message: string, retryAfterSeconds: number) =>
  new LatticeError('ThrottlingException', message, {
    fields: { serviceCode: 'vpc-lattice' },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });

/** Any error type by name with the members its shape requires, for injected faults. */
export function latticeErrorOf(type: LatticeErrorType, message: string): LatticeError {
  switch (type) {
    case 'ValidationException':
      return validation(message);
    case 'ResourceNotFoundException':
    case 'ConflictException':
      return new LatticeError(type, message, { fields: { resourceId: 'injected', resourceType: 'SERVICE' } });
    case 'ServiceQuotaExceededException':
      return new LatticeError(type, message, {
        fields: { resourceType: 'SERVICE', serviceCode: 'vpc-lattice', quotaCode: 'L-620C821E' },
      });
    case 'ThrottlingException':
      return throttled(message, 1);
    case 'InternalServerException':
      return new LatticeError(type, message, { headers: { 'Retry-After': '1' } });
    default:
      return new LatticeError(type, message);
  }
}
