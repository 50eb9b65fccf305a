import type { ClusterApi, KubeLiveObject } from '../ports/cluster-api.ts';
import { injectionAnnotation, injectorFieldManager } from './cluster-ownership.ts';
import type { Container } from './pod-template.ts';

type Body = Record<string, unknown>;

const templateSpecOf = (body: Body) =>
  (body.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template?.spec;

/** A container the body names by key only: it is there to set the order, not to own the container. */
const keyOnly = (c: Container) => Object.keys(c).length === 1;

/**
 * Applies an injection body under the injector's field manager. A body that orders the pod's containers
 * (Envoy first) takes two applies: the first, without the injection mark, names the other containers so
 * the server places Envoy before them; the second drops those names, so the injector never co-owns a
 * container of the workload's owner (one it kept would stay, stripped to its name, when the owner removes
 * it). The order stays: a later apply keeps the place of items it does not name. If the second apply
 * fails, the missing mark makes the next plan inject again.
 */
export async function applyInjection(cluster: ClusterApi, body: Body): Promise<KubeLiveObject> {
  const options = { fieldManager: injectorFieldManager };
  const containers = templateSpecOf(body)?.containers ?? [];
  if (!containers.some(keyOnly)) return cluster.apply(body, options);
  const metadata = body.metadata as { annotations?: Record<string, string> };
  const { [injectionAnnotation]: _mark, ...annotations } = metadata.annotations ?? {};
  await cluster.apply({ ...body, metadata: { ...metadata, annotations } }, options);
  const lasting = structuredClone(body);
  const spec = templateSpecOf(lasting)!;
  spec.containers = containers.filter((c) => !keyOnly(c));
  return cluster.apply(lasting, options);
}
