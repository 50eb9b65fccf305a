/** The `reason` values of metav1.Status the emulator produces. */
export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'MethodNotAllowed'
  | 'UnsupportedMediaType'
  | 'NotAcceptable'
  | 'Expired'
  | 'Unauthorized'
  | 'Forbidden';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

/** A request the real API server would refuse; rendered as a metav1.Status body with the same code. */
export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: StatusDetails,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'KubeStatusError';
  }

  toStatus(): Record<string, unknown> {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

/** What the real server says for a missing object: `deployments.apps "web" not found`. */
export const notFound = (resource: string, group: string, name: string): KubeStatusError =>
  new KubeStatusError(404, 'NotFound', `${qualified(resource, group)} "${name}" not found`, {
    name,
    group,
    kind: resource,
  });

export const alreadyExists = (resource: string, group: string, name: string): KubeStatusError =>
  new KubeStatusError(409, 'AlreadyExists', `${qualified(resource, group)} "${name}" already exists`, {
    name,
    group,
    kind: resource,
  });

export const conflict = (resource: string, group: string, name: string, why: string): KubeStatusError =>
  new KubeStatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified(resource, group)} "${name}": ${why}`,
    {
      name,
      group,
      kind: resource,
    },
  );

export const badRequest = (message: string): KubeStatusError =>
  new KubeStatusError(400, 'BadRequest', message);

export const invalid = (kind: string, name: string, field: string, message: string): KubeStatusError =>
  new KubeStatusError(422, 'Invalid', `${kind} "${name}" is invalid: ${field}: ${message}`, {
    name,
    kind,
    causes: [{ reason: 'FieldValueInvalid', message, field }],
  });

/** 422 Invalid for an object with one or more refused fields, listed as the real server lists them. */
export function invalidObject(
  kind: string,
  group: string,
  name: string,
  causes: { reason: string; field: string; message: string }[],
): KubeStatusError {
  const described = causes.map((c) => `${c.field}: ${c.message}`);
  const listed = described.length === 1 ? described[0]! : `[${described.join(', ')}]`;
  return new KubeStatusError(422, 'Invalid', `${qualified(kind, group)} "${name}" is invalid: ${listed}`, {
    name,
    group,
    kind,
    causes: causes.map(({ reason, message, field }) => ({ reason, message, field })),
  });
}

const qualified = (resource: string, group: string): string =>
  group === '' ? resource : `${resource}.${group}`;
