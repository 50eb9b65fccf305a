/**
 * The single-table key design (infra/state.ts: pk, sk, GSI byKind on gsi1pk/gsi1sk, TTL `expiresAt`).
 * Everything about one target shares its partition, so a target's inventory and runs are one Query;
 * delivery records get their own partitions because they are looked up by delivery id alone.
 */
export const stateKeys = {
  targetPk: (targetId: string) => `TARGET#${targetId}`,
  targetConfigSk: 'CONFIG',
  leaseSk: 'LEASE',
  inventorySkPrefix: 'INV#',
  inventorySk: (key: string) => `INV#${key}`,
  /** Parts of an entry too large for one item; `INVPART#` does not begin with `INV#`, so lists skip them. */
  inventoryPartPrefix: (key: string, digest: string) => `INVPART#${key}#${digest}#`,
  inventoryPartSk: (key: string, digest: string, index: number) =>
    `INVPART#${key}#${digest}#${String(index).padStart(4, '0')}`,
  runSkPrefix: 'RUN#',
  /** ISO times sort lexically, so a descending Query returns the newest run first. */
  runSk: (startedAt: string, runId: string) => `RUN#${startedAt}#${runId}`,
  /** Drift history: ISO times start with a digit, so `DRIFT#0`..`DRIFT#9~` spans history and never LATEST. */
  driftSk: (detectedAt: string, runId: string) => `DRIFT#${detectedAt}#${runId}`,
  driftHistoryFrom: 'DRIFT#0',
  driftHistoryTo: 'DRIFT#9~',
  driftLatestSk: 'DRIFT#LATEST',
  deliveryPk: (deliveryId: string) => `DELIVERY#${deliveryId}`,
  deliverySk: 'DELIVERY',
  /** GSI byKind partition listing every target record. */
  targetsGsiPk: 'TARGET',
  inventoryGsiPk: (kind: string) => `KIND#${kind}`,
} as const;
