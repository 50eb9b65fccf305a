import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';

export const driftStates = ['InSync', 'Modified', 'Missing', 'Unmanaged', 'Unknown'] as const;

const difference = z.object({ path: z.string(), expected: z.unknown(), actual: z.unknown() });

/** Detail of `meshcd.reconciler` / `Drift Detected`: counts, and the drifted resources (bounded). */
export const driftDetectedSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  targetId: z.string().min(1),
  runId: z.string().min(1),
  /** The revision drift was measured against. */
  revision: z.string().optional(),
  detectedAt: z.iso.datetime(),
  summary: z.partialRecord(z.enum(driftStates), z.number().int().nonnegative()),
  resources: z.array(
    z.object({
      key: z.string(),
      kind: z.string(),
      state: z.enum(driftStates),
      differences: z.array(difference).optional(),
    }),
  ),
  truncatedResources: z.number().int().nonnegative().optional(),
});
export type DriftDetectedDetail = z.infer<typeof driftDetectedSchema>;
