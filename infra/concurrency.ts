/**
 * How many containers of each App Mesh-calling function may run at once, and each one's share of App
 * Mesh's call rates. The token buckets live in a container, so a rate per container alone would multiply
 * with the number of containers; with reserved concurrency as the ceiling, each container takes an equal
 * share, and together they stay within one account's budget in one region.
 * `MESHCD_RECONCILE_CONCURRENCY` at deploy time sets the reconciler's ceiling (default 4).
 */
const reconcileConcurrency = Number(process.env.MESHCD_RECONCILE_CONCURRENCY ?? 4);
if (!Number.isInteger(reconcileConcurrency) || reconcileConcurrency < 1) {
  throw new Error(
    `MESHCD_RECONCILE_CONCURRENCY: '${process.env.MESHCD_RECONCILE_CONCURRENCY}' is not a positive integer`,
  );
}

export const reservedConcurrency = {
  reconcile: reconcileConcurrency,
  // Scheduled and CloudTrail-triggered checks; throttled asynchronous invocations are retried by Lambda.
  detectDrift: 2,
};

/** App Mesh's budget per account and region: reads and writes per second, and their burst. */
export const appMeshBudget = { read: 40, write: 8, burst: 5 };

const containers = reservedConcurrency.reconcile + reservedConcurrency.detectDrift;

/** The environment that gives one container its share of the budget. */
export const appMeshRateEnvironment = {
  MESHCD_APPMESH_READ_RATE: String(appMeshBudget.read / containers),
  MESHCD_APPMESH_WRITE_RATE: String(appMeshBudget.write / containers),
  MESHCD_APPMESH_BURST: String(Math.max(1, Math.floor(appMeshBudget.burst / containers))),
};
