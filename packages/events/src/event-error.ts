import { MeshcdError } from '@meshcd/core';
import type { z } from 'zod';

/** Why an inbound event was refused. All terminal: retrying the same bytes cannot help. */
export type EventErrorReason =
  | 'missing-signature'
  | 'invalid-signature'
  | 'invalid-payload'
  | 'unsupported-schema-version'
  | 'unsupported-event'
  | 'too-large';

export function eventError(reason: EventErrorReason, message: string, cause?: unknown): MeshcdError {
  return new MeshcdError({ phase: 'event', reason, message, retryable: false, cause });
}

/**
 * Parses with a zod schema and turns failures into an error naming the payload and each bad field,
 * e.g. `GitHub push: repository.clone_url: expected string, received undefined`.
 */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
  throw eventError('invalid-payload', `${what}: ${issues}`, result.error);
}
