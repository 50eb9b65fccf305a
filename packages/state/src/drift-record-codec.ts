import { gunzipSync, gzipSync } from 'node:zlib';
import type { DriftRecord } from '@meshcd/core';

/**
 * Drift records carry every classified item with its differences; gzip keeps a large target's report
 * well inside DynamoDB's 400 KB item limit (the JSON is repetitive and shrinks about tenfold).
 */
export const encodeDriftRecord = (record: DriftRecord): Uint8Array => gzipSync(JSON.stringify(record));

export const decodeDriftRecord = (data: Uint8Array): DriftRecord =>
  JSON.parse(gunzipSync(data).toString('utf8')) as DriftRecord;
