/**
 * One DynamoDB table for targets, inventory, runs, leases and delivery de-duplication (single-table
 * design: pk/sk, one GSI for listing by kind, TTL for run history and de-duplication records).
 */
export const table = new sst.aws.Dynamo('MeshcdState', {
  fields: { pk: 'string', sk: 'string', gsi1pk: 'string', gsi1sk: 'string' },
  primaryIndex: { hashKey: 'pk', rangeKey: 'sk' },
  globalIndexes: { byKind: { hashKey: 'gsi1pk', rangeKey: 'gsi1sk' } },
  ttl: 'expiresAt',
});
