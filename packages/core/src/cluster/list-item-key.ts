/**
 * Lists the API server merges by key (their `x-kubernetes-list-map-keys`), for the kinds meshcd writes:
 * compared item by item whatever their order, so a sidecar added beside the app's container is neither a
 * change to apply nor drift.
 */
const listKeys: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  readinessGates: ['conditionType'],
  ports: ['containerPort', 'port'],
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The merge key of an item of the list held in `field` (`name=envoy`), or undefined for an atomic list. */
export function listItemKey(field: string, item: unknown): string | undefined {
  const keys = listKeys[field];
  if (!keys || !isObject(item)) return undefined;
  const present = keys.filter((k) => item[k] !== undefined);
  return present.length > 0 ? present.map((k) => `${k}=${String(item[k])}`).join(',') : undefined;
}
