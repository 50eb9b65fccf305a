import { specHash } from '../plan/spec-hash.ts';
import { injectionAnnotation } from './cluster-ownership.ts';
import type { Injection } from './compute-injection.ts';
import type { Container } from './pod-template.ts';

/** The workload annotation value: the member and a hash of what was injected, so a changed injection shows. */
export const injectionMark = (injection: Injection): string => {
  const { template, containerOrder } = injection;
  return `${injection.memberKey}#${specHash(containerOrder ? { template, containerOrder } : template).slice(0, 16)}`;
};

/**
 * The injector's server-side apply body for a workload: only the injected fields and the mark. Without an
 * injection it is the empty apply, which removes exactly the fields the injector owned and nothing else.
 */
export function injectionBody(
  workload: { apiVersion: string; kind: string; namespace: string; name: string },
  injection: Injection | undefined,
): Record<string, unknown> {
  const metadata = { name: workload.name, namespace: workload.namespace };
  if (!injection) return { apiVersion: workload.apiVersion, kind: workload.kind, metadata };
  return {
    apiVersion: workload.apiVersion,
    kind: workload.kind,
    metadata: { ...metadata, annotations: { [injectionAnnotation]: injectionMark(injection) } },
    spec: { template: orderedTemplate(injection) },
  };
}

/**
 * The injected template with, when Envoy must come first, the pod's other containers named by key only in
 * the controller's order. A server-side apply can only place a new list item before existing ones by
 * naming them; applyInjection then lets go of those names again (see there).
 */
function orderedTemplate(injection: Injection): Injection['template'] {
  const order = injection.containerOrder;
  if (!order) return injection.template;
  const injected = injection.template.spec.containers ?? [];
  const containers = order.map((name) => injected.find((c) => c.name === name) ?? { name });
  return { ...injection.template, spec: { ...injection.template.spec, containers } };
}

/**
 * A Git workload as the `meshcd` manager applies it beside an injection: where the injection configures a
 * container Git also declares (a gateway's `envoy`), the fields the injection sets are left to it, as the
 * controller overwrote them at admission. Otherwise both managers would take the field back each run.
 */
export function yieldToInjection<T extends Record<string, unknown>>(
  object: T,
  injection: Injection | undefined,
): T {
  const injected = injection?.template.spec.containers ?? [];
  const spec = object.spec as
    | { template?: { spec?: { containers?: Container[]; readinessGates?: unknown } } }
    | undefined;
  const containers = spec?.template?.spec?.containers ?? [];
  // The injection carries the pod's own readiness gates with its own (an atomic list): one owner only.
  const gates = injection?.template.spec.readinessGates !== undefined && spec?.template?.spec?.readinessGates;
  if (!gates && !injected.some((i) => containers.some((c) => c.name === i.name))) return object;
  const copy = structuredClone(object);
  if (gates) delete (copy.spec as typeof spec)!.template!.spec!.readinessGates;
  const copyContainers = (copy.spec as typeof spec)!.template!.spec!.containers ?? [];
  for (const [index, container] of copyContainers.entries()) {
    const patch = injected.find((i) => i.name === container.name);
    if (!patch) continue;
    const kept: Container = { ...container };
    for (const field of Object.keys(patch)) {
      if (field === 'name') continue;
      if (field === 'env' || field === 'volumeMounts') {
        const keyOf = (item: Record<string, unknown>) => (field === 'env' ? item.name : item.mountPath);
        const taken = new Set((patch[field] as Record<string, unknown>[]).map(keyOf));
        const rest = ((container[field] ?? []) as Record<string, unknown>[]).filter(
          (e) => !taken.has(keyOf(e)),
        );
        if (rest.length > 0) kept[field] = rest;
        else delete kept[field];
      } else {
        delete kept[field];
      }
    }
    copyContainers[index] = kept;
  }
  return copy;
}
