import { isObject } from './field-path.ts';
import type { KubeObject } from './kube-object.ts';

export const tableContentType = 'application/json;as=Table;v=v1;g=meta.k8s.io';

/** kubectl get asks for server-side printing: `application/json;as=Table;v=v1;g=meta.k8s.io`. */
export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((range) => {
    const params = range.split(';').map((p) => p.trim());
    return params.includes('as=Table') && params.includes('g=meta.k8s.io') && params.includes('v=v1');
  });
}

interface Column {
  name: string;
  cell: (o: KubeObject) => string | number;
}

const spec = (o: KubeObject): Record<string, unknown> => (isObject(o.spec) ? o.spec : {});
const status = (o: KubeObject): Record<string, unknown> => (isObject(o.status) ? o.status : {});
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

/** The columns the real server prints for each kind, between NAME and AGE. */
const columnsByKind: Record<string, Column[]> = {
  Namespace: [{ name: 'Status', cell: (o) => String(status(o).phase ?? '') }],
  Deployment: [
    { name: 'Ready', cell: (o) => `${num(status(o).readyReplicas)}/${num(spec(o).replicas)}` },
    { name: 'Up-to-date', cell: (o) => num(status(o).updatedReplicas) },
    { name: 'Available', cell: (o) => num(status(o).availableReplicas) },
  ],
  StatefulSet: [{ name: 'Ready', cell: (o) => `${num(status(o).readyReplicas)}/${num(spec(o).replicas)}` }],
  DaemonSet: [
    { name: 'Desired', cell: (o) => num(status(o).desiredNumberScheduled) },
    { name: 'Ready', cell: (o) => num(status(o).numberReady) },
  ],
  Service: [
    { name: 'Type', cell: (o) => String(spec(o).type ?? '') },
    { name: 'Cluster-IP', cell: (o) => String(spec(o).clusterIP ?? '<none>') },
    { name: 'External-IP', cell: () => '<none>' },
    {
      name: 'Port(s)',
      cell: (o) =>
        (Array.isArray(spec(o).ports) ? (spec(o).ports as unknown[]) : [])
          .filter(isObject)
          .map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`)
          .join(',') || '<none>',
    },
  ],
  ConfigMap: [{ name: 'Data', cell: (o) => Object.keys(isObject(o.data) ? o.data : {}).length }],
  Secret: [
    { name: 'Type', cell: (o) => String(o.type ?? 'Opaque') },
    { name: 'Data', cell: (o) => Object.keys(isObject(o.data) ? o.data : {}).length },
  ],
  Pod: [
    {
      name: 'Ready',
      cell: (o) => {
        const containers = Array.isArray(spec(o).containers) ? (spec(o).containers as unknown[]) : [];
        const ready = containerStatuses(o).filter((c) => c.ready === true).length;
        return `${ready}/${containers.length}`;
      },
    },
    { name: 'Status', cell: (o) => String(status(o).phase ?? 'Pending') },
    { name: 'Restarts', cell: (o) => containerStatuses(o).reduce((n, c) => n + num(c.restartCount), 0) },
  ],
  ReplicaSet: [
    { name: 'Desired', cell: (o) => num(spec(o).replicas) },
    { name: 'Current', cell: (o) => num(status(o).replicas) },
    { name: 'Ready', cell: (o) => num(status(o).readyReplicas) },
  ],
  Node: [
    { name: 'Status', cell: () => 'Ready' },
    { name: 'Roles', cell: () => '<none>' },
  ],
};

const containerStatuses = (o: KubeObject): Record<string, unknown>[] =>
  (Array.isArray(status(o).containerStatuses) ? (status(o).containerStatuses as unknown[]) : []).filter(
    isObject,
  );

/** A metav1.Table of the objects, each row carrying the object's metadata as kubectl expects. */
export function toTable(kind: string, objects: readonly KubeObject[], resourceVersion: string, now: Date) {
  const columns = columnsByKind[kind] ?? [];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: [
      { name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0 },
      ...columns.map((c) => ({ name: c.name, type: 'string', format: '', description: c.name, priority: 0 })),
      { name: 'Age', type: 'string', format: '', description: 'Time since creation', priority: 0 },
    ],
    rows: objects.map((o) => ({
      cells: [o.metadata.name, ...columns.map((c) => c.cell(o)), age(o.metadata.creationTimestamp, now)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

/** Kubernetes' short durations: 42s, 5m, 3h, 2d. */
function age(created: string | undefined, now: Date): string {
  if (!created) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(created)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
