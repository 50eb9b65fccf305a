import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';

/** Plan actions, as counted in an outcome's summary. */
export const planActions = ['create', 'update', 'delete', 'unchanged', 'skip'] as const;
export type PlanAction = (typeof planActions)[number];

const count = z.number().int().nonnegative();
/** Counts of plan actions; an action with no resources may be left out. */
export const actionSummarySchema = z.partialRecord(z.enum(planActions), count);

export const outcomeErrorSchema = z.object({
  phase: z.string(),
  reason: z.string(),
  retryable: z.boolean(),
  message: z.string(),
  /** Where the fault is, when it is in a manifest. */
  file: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  object: z.string().optional(),
  field: z.string().optional(),
});

const outcomeBase = z.object({
  schemaVersion: z.literal(schemaVersion),
  targetId: z.string().min(1),
  revision: z.string().min(1),
  runId: z.string().min(1),
  mode: z.enum(['plan', 'apply', 'detect']),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  summary: actionSummarySchema,
});

/** Detail of `meshcd.reconciler` / `Reconcile Succeeded`. */
export const reconcileSucceededSchema = outcomeBase.extend({
  /** A deadline-aware apply that stopped at a wave boundary and scheduled its continuation. */
  continued: z.boolean().optional(),
});
export type ReconcileSucceededDetail = z.infer<typeof reconcileSucceededSchema>;

/** Detail of `meshcd.reconciler` / `Reconcile Failed`: the summary counts what was done before failing. */
export const reconcileFailedSchema = outcomeBase.extend({
  /** refused: nothing written (invalid manifests, a blocked plan); partial: some writes failed; failed: stopped by an error. */
  outcome: z.enum(['refused', 'partial', 'failed']).optional(),
  errors: z.array(outcomeErrorSchema).min(1),
  /** More errors existed than were listed (the entry size is bounded). */
  truncatedErrors: z.number().int().nonnegative().optional(),
});
export type ReconcileFailedDetail = z.infer<typeof reconcileFailedSchema>;
