import { detailTypes, eventSources } from '../event-names.ts';
import { maxEntryBytes, putEventsEntrySize } from '../trim-to-entry-size.ts';
import type { DriftDetectedDetail } from './drift-detected.ts';

/**
 * A `Drift Detected` detail that fits one PutEvents entry: resources are dropped from the end (the
 * counts in `summary` stay whole, `truncatedResources` says how many were left out) until it does.
 * Field differences can be large (whole listener specs), so a count bound alone does not keep it
 * under 256 KB.
 */
export function fitDriftDetected(detail: DriftDetectedDetail, maxBytes = maxEntryBytes): DriftDetectedDetail {
  const size = (d: DriftDetectedDetail) =>
    putEventsEntrySize({
      source: eventSources.reconciler,
      detailType: detailTypes.driftDetected,
      detail: JSON.stringify(d),
    });
  if (size(detail) <= maxBytes) return detail;
  const resources = [...detail.resources];
  let dropped = 0;
  let fitted: DriftDetectedDetail = detail;
  while (resources.length > 0 && size(fitted) > maxBytes) {
    resources.pop();
    dropped++;
    fitted = {
      ...detail,
      resources: [...resources],
      truncatedResources: (detail.truncatedResources ?? 0) + dropped,
    };
  }
  return fitted;
}
