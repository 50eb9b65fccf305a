import { bus } from './bus';
import { functionDefaults, tableIndex } from './function-defaults';
import { tracingPermission } from './iam';
import { githubWebhookSecret, gitlabWebhookSecret } from './secrets';
import { table } from './state';

const defaults = functionDefaults('meshcd-ingest-webhook');

/**
 * The webhook receiver behind a public function URL (auth NONE: every delivery's signature is checked
 * in the handler, before anything is recorded or published). It may only read the targets, record
 * delivery ids and put events on meshcd's bus.
 */
export const ingestWebhook = new sst.aws.Function('IngestWebhook', {
  ...defaults,
  handler: 'functions/ingest-webhook.handler',
  timeout: '10 seconds',
  memory: '512 MB',
  url: true,
  // Linked, not in the environment: SST encrypts linked values into the bundle, so the secrets are not
  // readable by anyone who may read the function's configuration.
  link: [githubWebhookSecret, gitlabWebhookSecret],
  permissions: [
    { actions: ['events:PutEvents'], resources: [bus.arn] },
    { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resources: [table.arn] },
    // The deployed targets live in the table; the receiver reads them to tell a tracked push from an
    // ignored one.
    { actions: ['dynamodb:Query'], resources: tableIndex },
    tracingPermission,
  ],
});
