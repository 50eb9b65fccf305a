import * as z from 'zod';

/** The envelope every EventBridge event arrives in; `detail` is checked by the detail's own schema. */
export const eventBridgeEnvelopeSchema = z.looseObject({
  version: z.string(),
  id: z.string(),
  'detail-type': z.string(),
  source: z.string(),
  account: z.string(),
  time: z.string(),
  region: z.string(),
  resources: z.array(z.string()).default([]),
  detail: z.unknown(),
});
export type EventBridgeEnvelope = z.infer<typeof eventBridgeEnvelopeSchema>;
