/**
 * The per-target serialisation record. A reconcile holds the lease while it works; pushes that arrive
 * meanwhile only raise `wanted`, and the holder picks the newest wanted revision up before it lets go.
 */
export interface RevisionRequest {
  revision: string;
  /**
   * Total order of revisions for this target (e.g. push time in ms, or commit time); an older revision
   * never replaces a newer one.
   */
  order: number;
}

export interface TargetLease {
  targetId: string;
  /** Who holds the lease, and until when (epoch ms); absent when free. */
  holder?: string;
  expiresAt?: number;
  /** Newest revision anyone asked for. */
  wanted?: RevisionRequest;
  /** Last revision a reconcile finished. */
  applied?: RevisionRequest;
}

/** Outcome of asking to reconcile a revision. */
export type LeaseAcquisition =
  | { acquired: true; lease: TargetLease }
  /** Someone else holds it; the request was recorded as wanted if it was newer. */
  | { acquired: false; holder: string; expiresAt: number };
