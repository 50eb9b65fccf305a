/** Where a value came from in the manifest tree: every error and plan line points back here. */
export interface SourceLocation {
  /** Path relative to the manifest root, with forward slashes. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

/** The Kubernetes identity of a manifest object. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}
