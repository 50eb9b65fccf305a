import { badRequest } from './errors.ts';

/**
 * Limits on addressing members that the model leaves open but the service enforces: a virtual service
 * name (`ServiceName`, unconstrained in the model) is a name of at most 255 characters like every other
 * App Mesh name, no name holds a `/` (an ARN passed as a name), and a client token is "up to 36 letters,
 * numbers, hyphens, and underscores" as the API reference says.
 */
export function checkInputLimits(input: Record<string, unknown>, tokenMember: string | undefined): void {
  for (const [name, value] of Object.entries(input)) {
    if (!name.endsWith('Name') || typeof value !== 'string') continue;
    if (value.includes('/')) throw badRequest(`${name} ${value} must not contain /`);
    if (value.length > maxNameLength) throw badRequest(`${name} length must be at most ${maxNameLength}`);
  }
  const token = tokenMember === undefined ? undefined : input[tokenMember];
  if (typeof token !== 'string') return;
  if (token.length > maxTokenLength) throw badRequest(`clientToken length must be at most ${maxTokenLength}`);
  if (!/^[A-Za-z0-9_-]*$/.test(token))
    throw badRequest('clientToken may hold only letters, numbers, hyphens and underscores');
}

const maxNameLength = 255;
const maxTokenLength = 36;
