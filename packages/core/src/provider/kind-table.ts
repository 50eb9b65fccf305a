/**
 * Facts about one kind of a provider's resources. Every step that switches on kinds (keys, ordering,
 * quotas, diffs, adapters) reads them here, so a kind is described once.
 */
export interface KindFacts<K extends string = string, Q extends string = string> {
  /** The API member that names a resource of this kind in requests (`virtualNodeName`). */
  nameMember: string;
  /** The kind this one lives under inside its root (a Route under its VirtualRouter); absent for the root's direct members. */
  parent?: K;
  /** Wave of creates and updates: every change of a lower wave finishes before a higher one starts. */
  wave: number;
  /** Wave of deletes, above every create wave and in reverse: what references a resource goes first. */
  deleteWave: number;
  /** The count quota a resource of this kind uses up (per account, root or parent). */
  quota?: Q;
  /**
   * Spec paths the service fills when a request leaves them unset (`*` matches any one segment): when the
   * desired spec does not set them, whatever the service returns is no difference.
   */
  serviceFilled: readonly string[];
}

/** A provider's kinds and their facts. */
export type KindTable<K extends string = string, Q extends string = string> = Readonly<
  Record<K, KindFacts<K, Q>>
>;
