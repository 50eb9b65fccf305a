/**
 * The per-target serialisation record. A reconcile holds the lease while it works; pushes that arrive
 * meanwhile only raise `wanted`, and the holder picks the newest wanted revision up before it lets go.
 */
export interface RevisionRequest {
  revision: string;
  /**
   * Order of revisions for this target (push time in ms, or commit time); an older revision never
   * replaces a newer one. Providers give push times in whole seconds, so two pushes can share an order.
   */
  order: number;
  /**
   * Set when different revisions arrived with the same `order`: which of them is newer is then not
   * known from the event, so the reconcile takes the branch's head (the newest state of the branch at
   * fetch time, whatever order the deliveries came in) instead of `revision`. It counts such arrivals,
   * so a tie raised while a reconcile of the head is already under way still sorts after it and gets
   * one more run. See compareRevisions.
   */
  tie?: number;
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
  /**
   * Newest revision whose reconcile ended without applying it (manifests refused, a terminal error, a
   * partial apply): kept apart from `applied`, so drift and status never mistake it for the live state.
   */
  failed?: RevisionRequest;
}

/** Outcome of asking to reconcile a revision. */
export type LeaseAcquisition =
  | {
      acquired: true;
      lease: TargetLease;
      /**
       * The holder found on the lease when it was taken (expired, or resumed from): settling clears the
       * holder, so this one never settled. It may have written to the provider without recording it in
       * the inventory, so the inventory no longer vouches for what is live.
       */
      tookOverFrom?: string;
    }
  /** Someone else holds it; the request was recorded as wanted if it was newer. */
  | { acquired: false; holder: string; expiresAt: number };

export interface AcquireOptions {
  /**
   * The holder this one takes over from, even while its lease is unexpired: a continuation resumes
   * the work of the invocation that published it. Whoever takes it over first wins; a duplicate of
   * the same continuation then finds another holder and queues.
   */
  resumeFrom?: string;
}

/** Outcome of settling a revision (completeLease, failLease). */
export type LeaseSettlement = { released: true } | { released: false; next: RevisionRequest };

/** Outcome of letting go without an outcome (releaseLease). */
export interface LeaseRelease {
  released: true;
  /** A wanted revision nothing has settled: nobody picks it up from this lease, so hand it on. */
  pending?: RevisionRequest;
}
