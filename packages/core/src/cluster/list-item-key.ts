/**
 * What identifies an item of a list, by the field that holds the list: for Kubernetes objects the lists the
 * API server merges by key (their `x-kubernetes-list-map-keys`), for App Mesh specs the item's own identity
 * (a weighted target is its virtual node, a listener its port and protocol, a header match its name). Keyed
 * lists are compared item by item whatever their order: a sidecar added beside the app's container is
 * neither a change to apply nor drift, and a canary target added to a route is one added item.
 * Keys are dotted paths inside the item.
 */
const listKeys: Record<string, readonly string[]> = {
  // Kubernetes
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  imagePullSecrets: ['name'],
  readinessGates: ['conditionType'],
  ports: ['containerPort', 'port'],
  // App Mesh
  weightedTargets: ['virtualNode', 'virtualService.virtualServiceName', 'port'],
  listeners: ['portMapping.port', 'portMapping.protocol'],
  backends: ['virtualService.virtualServiceName'],
  headers: ['name'],
  metadata: ['name'],
  queryParameters: ['name'],
  attributes: ['key'],
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const at = (item: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), item);

/** The key of an item of the list held in `field` (`name=envoy`), or undefined for an atomic list. */
export function listItemKey(field: string, item: unknown): string | undefined {
  const keys = listKeys[field];
  if (!keys || !isObject(item)) return undefined;
  const present = keys.filter((k) => at(item, k) !== undefined);
  return present.length > 0 ? present.map((k) => `${k}=${String(at(item, k))}`).join(',') : undefined;
}
