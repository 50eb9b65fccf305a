import { eventError, parsePayload } from './event-error.ts';
import { detailTypes, eventSources, schemaVersion } from './event-names.ts';
import { cloudTrailAppMeshSchema, normalizeCloudTrailAppMesh } from './inbound/cloudtrail-appmesh.ts';
import {
  codeCommitStateChangeSchema,
  normalizeCodeCommitStateChange,
} from './inbound/codecommit-state-change.ts';
import { eventBridgeEnvelopeSchema } from './inbound/eventbridge-envelope.ts';
import { gitPushDetailSchema, gitPushTriggerOf } from './inbound/git-push-detail.ts';
import {
  kubernetesEventExporterSchema,
  normalizeKubernetesEvent,
} from './inbound/kubernetes-event-exporter.ts';
import {
  kubernetesObjectChangedSchema,
  normalizeKubernetesObjectChanged,
} from './inbound/kubernetes-object-changed.ts';
import {
  normalizeScheduledCheck,
  normalizeScheduledEvent,
  scheduledCheckSchema,
} from './inbound/scheduled-check.ts';
import type { TriggerEvent } from './trigger-event.ts';

/**
 * Turns any EventBridge event meshcd subscribes to into one TriggerEvent, or undefined when the event
 * asks for no work (a branch deletion, a read-only API call). Unknown sources and malformed details are
 * errors naming the event and the bad fields; a meshcd detail with an unknown schemaVersion is refused
 * rather than half-read.
 */
export function normalizeEvent(event: unknown): TriggerEvent | undefined {
  const envelope = parsePayload(eventBridgeEnvelopeSchema, event, 'EventBridge event');
  const { source, 'detail-type': detailType, detail } = envelope;
  const what = `${source} / ${detailType} event ${envelope.id}`;

  if (source === eventSources.git && detailType === detailTypes.gitPush) {
    checkVersion(detail, what);
    return gitPushTriggerOf(parsePayload(gitPushDetailSchema, detail, what));
  }
  if (source === eventSources.cluster && detailType === detailTypes.kubernetesObjectChanged) {
    checkVersion(detail, what);
    return normalizeKubernetesObjectChanged(
      parsePayload(kubernetesObjectChangedSchema, detail, what),
      envelope.id,
    );
  }
  if (source === eventSources.scheduler && detailType === detailTypes.scheduledCheck) {
    checkVersion(detail, what);
    return normalizeScheduledCheck(parsePayload(scheduledCheckSchema, detail, what), envelope);
  }
  if (source === eventSources.codecommit && detailType === detailTypes.codecommitStateChange) {
    return normalizeCodeCommitStateChange(parsePayload(codeCommitStateChangeSchema, detail, what), envelope);
  }
  if (source === eventSources.appmesh && detailType === detailTypes.cloudTrailApiCall) {
    return normalizeCloudTrailAppMesh(parsePayload(cloudTrailAppMeshSchema, detail, what));
  }
  if (source === eventSources.schedule && detailType === detailTypes.scheduledEvent) {
    return normalizeScheduledEvent(envelope);
  }
  if (source.startsWith(eventSources.kubernetesEventExporterPrefix)) {
    return normalizeKubernetesEvent(parsePayload(kubernetesEventExporterSchema, detail, what), envelope);
  }
  throw eventError('unsupported-event', `${what}: meshcd does not subscribe to this source and detail type`);
}

function checkVersion(detail: unknown, what: string): void {
  const version = (detail as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== undefined && version !== schemaVersion) {
    throw eventError(
      'unsupported-schema-version',
      `${what}: detail schemaVersion '${String(version)}' is not supported (this reader knows '${schemaVersion}')`,
    );
  }
}
