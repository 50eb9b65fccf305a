import type { EksModeOptions } from '../eks/eks-mode.ts';
import type { KubeEventListener } from './kube-events.ts';
import type { KubeState } from './kube-store.ts';
import type { ResourceType } from './resource-types.ts';

export interface KubeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** Persist the cluster to `<stateDir>/kube.json` and load it on start. */
  stateDir?: string;
  /** More kinds to serve, e.g. a CRD, so tests can stage what a real cluster would hold. */
  extraResources?: ResourceType[];
  /** The clock behind creationTimestamp and managedFields times. */
  now?: () => Date;
  /**
   * Checks the bearer token of every request (undefined when none was sent); false answers 401, as
   * EKS does for a bad token. Without it the emulator accepts anyone.
   */
  authenticate?: (token: string | undefined) => boolean;
  /** EKS mode: bearer tokens checked like aws-iam-authenticator, each request against the access entries. */
  eks?: EksModeOptions;
}

/** One request the emulator served, for tests to assert on write counts and order. */
export interface KubeCall {
  method: string;
  path: string;
  query: string;
  status: number;
  contentType?: string;
}

export interface KubeEmulatorHandle {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  port: number;
  calls: KubeCall[];
  /** Every change this emulator makes, as it happens (not changes another process writes to kube.json). */
  onChange(listener: KubeEventListener): () => void;
  snapshot(): KubeState;
  restore(state: KubeState): void;
  /** A kubeconfig (YAML text) whose current context points at this emulator. */
  kubeconfig(): string;
  writeKubeconfig(path: string): void;
  close(): Promise<void>;
}
