export {
  type KubeCall,
  type KubeEmulatorHandle,
  type KubeEmulatorOptions,
  startKubeEmulator,
} from './kube-emulator.ts';
export type { KubeEvent, KubeEventListener, WatchEventType } from './kube-events.ts';
export type { KubeObject, ObjectMeta } from './kube-object.ts';
export type { KubeState } from './kube-store.ts';
export { kubeconfigFor } from './kubeconfig.ts';
export { type LabelRequirement, matchesLabels, parseLabelSelector } from './label-selector.ts';
export type { ManagedFieldsEntry, ManagedOperation } from './managed-fields.ts';
export type { ResourceType } from './resource-types.ts';
export { apiVersionOf, builtinResourceTypes } from './resource-types.ts';
export { type ApplyRequest, serverSideApply } from './server-side-apply.ts';
