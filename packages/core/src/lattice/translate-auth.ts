import { clusterWorkloads } from '../cluster/plan-injections.ts';
import type {
  DesiredKubeObject,
  DesiredMeshMember,
  DesiredVirtualNode,
  DesiredVirtualService,
} from '../desired/desired-state.ts';
import { selectorMatches } from '../desired/label-selector.ts';
import { latticeResourceKey } from '../provider/lattice-resource-key.ts';
import type { LatticeOptions } from './lattice-options.ts';
import type { Translation } from './translation.ts';

const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';

type ServiceRef = { key: string; name: string };

/** The IAM roles of a node's pods: their ServiceAccounts' IRSA annotation, or the target's mapping. */
export function podRoles(
  member: DesiredMeshMember | undefined,
  kubeObjects: readonly DesiredKubeObject[],
  options: LatticeOptions,
): string[] {
  if (!member) return [];
  const annotated = new Map<string, string>();
  for (const k of kubeObjects) {
    if (k.object.kind !== 'ServiceAccount') continue;
    const meta = k.object.metadata as { namespace?: string; annotations?: Record<string, string> };
    const role = meta.annotations?.[ROLE_ANNOTATION];
    if (role) annotated.set(`${meta.namespace ?? 'default'}/${k.object.metadata.name}`, role);
  }
  const roles = new Set<string>();
  for (const w of clusterWorkloads(kubeObjects, [])) {
    if (
      w.namespace !== member.namespace ||
      !selectorMatches(member.podSelector, w.template.metadata?.labels ?? {})
    )
      continue;
    const account = `${w.namespace}/${(w.template.spec?.serviceAccountName as string | undefined) ?? 'default'}`;
    const role = options.serviceAccountRoles?.[account] ?? annotated.get(account);
    if (role) roles.add(role);
  }
  return [...roles].sort();
}

/**
 * Backends on Lattice (spec §4.1 #8). NONE: nothing enforces them, so each list is reported lost. AWS_IAM: each
 * backend service gets an auth policy allowing the IAM roles of its callers' pods to invoke it; a service no
 * one lists denies everything, which is reported too.
 */
export function translateBackends(
  t: Translation,
  input: {
    nodes: readonly DesiredVirtualNode[];
    services: readonly DesiredVirtualService[];
    serviceOf: (mesh: string, virtualService: string) => ServiceRef | undefined;
    memberOf: (nodeKey: string) => DesiredMeshMember | undefined;
    kubeObjects: readonly DesiredKubeObject[];
    options: LatticeOptions;
  },
): void {
  const { options } = input;
  const callers = new Map<string, Set<string>>();
  for (const node of input.nodes) {
    const backends = (node.spec.backends ?? [])
      .map((b) => b.virtualService?.virtualServiceName)
      .filter((n): n is string => !!n);
    if (!backends.length) continue;
    const path = ['spec', 'backends'];
    if (options.authType === 'NONE') {
      t.note(node.source, {
        row: 'virtualNode.backends.none',
        path,
        detail: `backends ${backends.join(', ')} are not enforced`,
      });
      continue;
    }
    const roles = podRoles(input.memberOf(node.key), input.kubeObjects, options);
    if (!roles.length) {
      t.note(node.source, {
        row: 'virtualNode.backends.roleUnknown',
        path,
        detail: `no IAM role known for the pods of ${node.name}`,
      });
      continue;
    }
    t.note(node.source, {
      row: 'virtualNode.backends.iam',
      path,
      detail: `${roles.join(', ')} may invoke ${backends.join(', ')}`,
    });
    for (const b of backends) {
      const service = input.serviceOf(node.meshName, b);
      if (!service) continue;
      const set = callers.get(service.key) ?? new Set<string>();
      for (const r of roles) set.add(r);
      callers.set(service.key, set);
    }
  }
  if (options.authType !== 'AWS_IAM') return;
  for (const vs of input.services) {
    const service = input.serviceOf(vs.meshName, vs.name);
    if (!service) continue;
    const principals = [...(callers.get(service.key) ?? [])].sort();
    if (!principals.length) {
      t.note(vs.source, {
        row: 'virtualNode.backends.iamNoCaller',
        path: [],
        detail: `no backend list names ${vs.name}`,
      });
      continue;
    }
    t.add(
      {
        kind: 'AuthPolicy',
        key: latticeResourceKey({ kind: 'AuthPolicy', parent: { kind: 'Service', name: service.name } }),
        name: `${service.name}/auth-policy`,
        spec: {
          resourceKey: service.key,
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: principals },
                Action: 'vpc-lattice-svcs:Invoke',
                Resource: '*',
              },
            ],
          },
        },
        source: vs.source,
        dependsOn: [service.key],
      },
      vs.source,
    );
  }
}
