import type { DesiredKubeObject } from '../desired/desired-state.ts';
import type { PodTemplate, WorkloadKind } from './pod-template.ts';

/** A Deployment, StatefulSet or DaemonSet as injection sees it: where it is and its owner's pod template. */
export interface ClusterWorkload {
  /** `kube:<namespace>/apps/<Kind>/<name>`. */
  key: string;
  apiVersion: string;
  kind: WorkloadKind;
  namespace: string;
  name: string;
  /** The template as the workload's owner wrote it, without what an earlier injection added. */
  template: PodTemplate;
  /** Where Git declares the workload, for one that comes from Git. */
  source?: DesiredKubeObject['source'];
}

/** Something about the cluster side that needs a human: an error refuses the cluster plan, a warning does not. */
export interface ClusterIssue {
  severity: 'error' | 'warning';
  code:
    | 'multiple-matching-members'
    | 'injection-without-match'
    | 'invalid-pod-annotation'
    | 'appmesh-controller-present'
    | 'kind-not-served';
  /** Inventory key of the object concerned. */
  key: string;
  message: string;
}
