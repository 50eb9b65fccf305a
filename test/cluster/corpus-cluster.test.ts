import { type ReconcileResult, reconcile } from '@meshcd/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeLiveObject } from '../../packages/core/src/ports/cluster-api.ts';
import { corpusScenarios, hasShared } from '../corpus/corpus.ts';
import { materialiseRevision } from '../corpus/materialise-revision.ts';
import { writeCalls } from '../engine/world.ts';
import { type ClusterWorld, kubeWrites, startClusterWorld } from './cluster-world.ts';

/** Namespaces the corpus applies into without defining them: labelled in the cluster, as a walkthrough would. */
const clusterNamespaces: Record<string, Record<string, Record<string, string>>> = {
  'eks-appmesh-connectivity': { default: { mesh: 'yelb-mesh', gateway: 'ingress-gw' } },
};

/** Scenarios using an API that current clusters no longer serve: that object is skipped with a warning naming it. */
const unservedApis: Record<string, string> = { 'howto-k8s-alb': 'extensions/v1beta1' };

const refOf = (key: string, apiVersion: string) => {
  const [namespace = '', , kind = '', ...name] = key.slice('kube:'.length).split('/');
  return { apiVersion, kind, name: name.join('/'), ...(namespace ? { namespace } : {}) };
};

const envoyOf = (o: KubeLiveObject) => {
  const spec = (o.spec as { template?: { spec?: { containers?: Array<Record<string, unknown>> } } }).template
    ?.spec;
  return spec?.containers?.find((c) => c.name === 'envoy') as
    | { env?: Array<{ name: string; value?: string }> }
    | undefined;
};

describe.runIf(hasShared())(
  'every corpus scenario through the engine with the cluster side on the Kubernetes emulator',
  () => {
    const scenarios = hasShared() ? corpusScenarios() : [];
    const cleanups: Array<() => Promise<void>> = [];
    afterAll(async () => {
      for (const c of cleanups) await c();
    });

    for (const scenario of scenarios) {
      it(`${scenario.folder}/${scenario.scenario}: applies the cluster objects revision by revision, prunes what left, re-applies with no writes`, async () => {
        const world: ClusterWorld = await startClusterWorld();
        cleanups.push(world.close);
        for (const [name, labels] of Object.entries(clusterNamespaces[scenario.folder] ?? {})) {
          await world.cluster.apply(
            { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
            { fieldManager: 'walkthrough' },
          );
        }
        let n = 0;
        const run = (files: ReturnType<typeof materialiseRevision>, revision: string) =>
          reconcile({
            target: world.target,
            revision,
            files,
            mode: 'apply',
            mesh: world.mesh,
            state: world.state,
            cluster: world.cluster,
            allowPrune: true,
            runId: `run-${n++}`,
            now: () => new Date(),
          });

        let previous: ReconcileResult | undefined;
        for (const revision of scenario.revisions) {
          const files = materialiseRevision(revision);
          world.kube.calls.length = 0;
          world.emulator.resetCalls();
          const applied = await run(files, `rev-${revision.index}`);
          if (applied.status === 'refused' && applied.diagnostics.some((d) => d.severity === 'error')) {
            expect(kubeWrites(world.kube)).toEqual([]);
            expect(writeCalls(world.emulator)).toEqual([]);
            continue;
          }
          const unserved = applied.clusterPlan?.changes.filter((c) => c.reason === 'kind-not-served') ?? [];
          const legacy = unservedApis[scenario.folder];
          expect(unserved.map((c) => c.apiVersion)).toEqual(legacy ? [legacy] : []);
          for (const c of unserved) {
            expect(applied.clusterPlan?.issues.map((i) => i.message)).toContainEqual(
              expect.stringMatching(new RegExp(`:\\d+:\\d+ ${c.kind} ${c.name}: the cluster does not serve`)),
            );
          }
          expect(applied.clusterPlan?.blockers).toEqual([]);
          expect(applied.clusterApply?.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
          expect(applied.status).toBe('succeeded');

          // every plain object is in the cluster, marked as this target's; no App Mesh object was applied there
          const desired = applied.desired!.kubeObjects;
          expect(desired.every((d) => !d.object.apiVersion.startsWith('appmesh.k8s.aws/'))).toBe(true);
          expect(kubeWrites(world.kube).filter((c) => c.path.includes('appmesh.k8s.aws'))).toEqual([]);
          for (const d of desired.filter((o) => !unserved.some((c) => c.key === o.key))) {
            const live = await world.cluster.get(refOf(d.key, d.object.apiVersion));
            expect(live?.metadata.labels, d.key).toMatchObject({ 'app.kubernetes.io/managed-by': 'meshcd' });
            expect(live?.metadata.annotations, d.key).toMatchObject({ 'meshcd.io/target': world.target.id });
          }
          // every injected VirtualNode workload runs an Envoy that connects as its node
          for (const change of applied.clusterPlan!.changes.filter(
            (c) => c.subject === 'injection' && c.action === 'create',
          )) {
            if (!change.memberKey?.includes('/VirtualNode/')) continue;
            const live = await world.cluster.get(refOf(change.key, change.apiVersion));
            const arn = envoyOf(live!)?.env?.find((e) => e.name === 'APPMESH_RESOURCE_ARN')?.value;
            const [mesh, , node] = change.memberKey.slice('appmesh:'.length).split('/');
            expect(arn, change.key).toBe(
              `arn:aws:appmesh:${world.target.region}:${world.target.accountId}:mesh/${mesh}/virtualNode/${node}`,
            );
          }
          // what the previous revision applied and this one dropped is gone
          const keys = new Set(desired.map((d) => d.key));
          for (const d of previous?.desired?.kubeObjects ?? []) {
            if (keys.has(d.key)) continue;
            expect(await world.cluster.get(refOf(d.key, d.object.apiVersion)), d.key).toBeUndefined();
          }
          previous = applied;

          // a second apply of the same revision writes nothing, to App Mesh or to the cluster
          world.kube.calls.length = 0;
          world.emulator.resetCalls();
          const again = await run(files, `rev-${revision.index}`);
          expect(again.status).toBe('succeeded');
          expect(
            again.clusterPlan?.changes.filter((c) => c.action !== 'unchanged' && c.action !== 'skip'),
          ).toEqual([]);
          expect(kubeWrites(world.kube)).toEqual([]);
          expect(writeCalls(world.emulator)).toEqual([]);
        }
        // Every revision runs each workload's pods through the emulated controllers.
      }, 90_000);
    }
  },
);
