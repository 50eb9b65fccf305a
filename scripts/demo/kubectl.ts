import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadManifests } from '@meshcd/core';

const execFileAsync = promisify(execFile);

export type Kubectl = (...args: string[]) => Promise<string>;

/** kubectl against a local system's cluster. Asynchronous: the cluster answering it runs in this process. */
export const kubectlFor =
  (kubeconfig: string): Kubectl =>
  async (...args) =>
    (await execFileAsync('kubectl', ['--kubeconfig', kubeconfig, ...args])).stdout.trim();

interface Pod {
  metadata: { name: string; deletionTimestamp?: string };
  status?: { podIP?: string; conditions?: Array<{ type: string; status: string }> };
}

/** The label selector of each VirtualNode in the manifest, by `VirtualNode/<namespace>/<name>`. */
export function podSelectors(manifest: string): Map<string, { namespace: string; selector: string }> {
  const selectors = new Map<string, { namespace: string; selector: string }>();
  for (const object of loadManifests([{ path: 'mesh.yaml', content: manifest }]).objects) {
    const spec = object.body.spec as { podSelector?: { matchLabels?: Record<string, string> } } | undefined;
    const matchLabels = spec?.podSelector?.matchLabels;
    if (object.kind !== 'VirtualNode' || !matchLabels) continue;
    const namespace = object.namespace ?? 'default';
    selectors.set(`VirtualNode/${namespace}/${object.name}`, {
      namespace,
      selector: Object.entries(matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(','),
    });
  }
  return selectors;
}

/** The pods a selector picks that Lattice should route to: ready and not terminating, by name and IP. */
export async function readyPods(kubectl: Kubectl, namespace: string, selector: string) {
  const { items } = JSON.parse(
    await kubectl('get', 'pods', '-n', namespace, '-l', selector, '-o', 'json'),
  ) as { items: Pod[] };
  return items
    .filter(
      (p) =>
        p.metadata.deletionTimestamp === undefined &&
        p.status?.podIP !== undefined &&
        p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    )
    .map((p) => ({ name: p.metadata.name, ip: p.status!.podIP! }))
    .sort((a, b) => a.ip.localeCompare(b.ip));
}
