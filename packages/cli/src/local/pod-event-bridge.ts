import type { EventBusHandle, KubeEmulatorHandle } from '@meshcd/emulators';
import { detailTypes, eventSources, schemaVersion } from '@meshcd/events';

const changeOf = { ADDED: 'added', MODIFIED: 'modified', DELETED: 'deleted' } as const;

/**
 * The local stand-in for the in-cluster event publisher: every pod change in the Kubernetes emulator goes
 * on the local bus as a `Kubernetes Object Changed`, so Cloud Map instances follow pods as they would
 * on EKS with an exporter publishing to EventBridge. Returns the unsubscribe.
 */
export function bridgePodEvents(
  kube: Pick<KubeEmulatorHandle, 'onChange'>,
  bus: EventBusHandle['bus'],
  cluster: string,
): () => void {
  return kube.onChange((event) => {
    if (event.object.kind !== 'Pod') return;
    const { metadata } = event.object;
    bus.put({
      Source: eventSources.cluster,
      DetailType: detailTypes.kubernetesObjectChanged,
      Detail: JSON.stringify({
        schemaVersion,
        cluster,
        change: changeOf[event.type],
        namespace: metadata.namespace ?? '',
        group: '',
        version: 'v1',
        kind: 'Pod',
        name: metadata.name,
        ...(metadata.uid ? { uid: metadata.uid } : {}),
        ...(metadata.resourceVersion ? { resourceVersion: metadata.resourceVersion } : {}),
      }),
    });
  });
}
