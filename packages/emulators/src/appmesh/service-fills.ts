import type { KindInfo } from './resource-kinds.ts';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined;

/**
 * What the real service fills in a stored spec that the request left unset: a listener's health check
 * without a port gets the listener's port (virtual nodes and virtual gateways), and Describe returns it
 * that way. meshcd's diff must treat such fields as service-filled, so a second apply writes nothing.
 */
export function serviceFilledSpec(kind: KindInfo['kind'], spec: Obj): Obj {
  if (kind !== 'virtualNode' && kind !== 'virtualGateway') return spec;
  const filled = structuredClone(spec);
  for (const raw of Array.isArray(filled.listeners) ? filled.listeners : []) {
    const listener = obj(raw);
    const healthCheck = obj(listener?.healthCheck);
    const port = obj(listener?.portMapping)?.port;
    if (healthCheck && healthCheck.port === undefined && port !== undefined) healthCheck.port = port;
  }
  return filled;
}
