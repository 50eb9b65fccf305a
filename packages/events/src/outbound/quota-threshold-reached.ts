import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';

/** Detail of `meshcd.reconciler` / `Quota Threshold Reached`. */
export const quotaThresholdReachedSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  targetId: z.string().optional(),
  accountId: z.string(),
  region: z.string(),
  meshName: z.string().optional(),
  quota: z.object({
    name: z.string(),
    /** Service Quotas code, when the quota has one. */
    code: z.string().optional(),
    limit: z.number().nonnegative(),
    usage: z.number().nonnegative(),
    /** Where the limit came from: Service Quotas, or the documented default. */
    limitSource: z.enum(['service-quotas', 'default']),
  }),
  /** Fraction of the limit (0..1) that triggers the event. */
  threshold: z.number().min(0).max(1),
  detectedAt: z.iso.datetime(),
});
export type QuotaThresholdReachedDetail = z.infer<typeof quotaThresholdReachedSchema>;
