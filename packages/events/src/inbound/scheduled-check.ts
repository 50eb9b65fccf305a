import * as z from 'zod';
import { schemaVersion } from '../event-names.ts';
import type { ScheduleTrigger } from '../trigger-event.ts';

/** Detail of `meshcd.scheduler` / `Scheduled Check`, the input EventBridge Scheduler sends meshcd. */
export const scheduledCheckSchema = z.object({
  schemaVersion: z.literal(schemaVersion),
  check: z.enum(['reconcile', 'drift', 'quota']),
  targetId: z.string().min(1).optional(),
  scheduleName: z.string().optional(),
});
export type ScheduledCheckDetail = z.infer<typeof scheduledCheckSchema>;

export function normalizeScheduledCheck(
  detail: ScheduledCheckDetail,
  envelope: { id: string; time: string },
): ScheduleTrigger {
  return {
    type: 'schedule',
    check: detail.check,
    ...(detail.targetId ? { targetId: detail.targetId } : {}),
    ...(detail.scheduleName ? { scheduleName: detail.scheduleName } : {}),
    time: envelope.time,
    eventId: envelope.id,
  };
}

/**
 * A classic scheduled rule (`aws.events` / `Scheduled Event`, empty detail) is a full drift sweep of
 * every target; the rule's name comes from its ARN in `resources`.
 */
export function normalizeScheduledEvent(envelope: {
  id: string;
  time: string;
  resources: string[];
}): ScheduleTrigger {
  const rule = envelope.resources[0]?.split(':rule/')[1];
  return {
    type: 'schedule',
    check: 'drift',
    ...(rule ? { scheduleName: rule } : {}),
    time: envelope.time,
    eventId: envelope.id,
  };
}
