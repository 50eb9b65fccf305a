import { describe, expect, it } from 'vitest';
import { emulatorFixture } from './emulator-fixture.ts';

const { start } = emulatorFixture();

const deployment = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'w', ...container }] },
    },
    ...spec,
  },
});
const collection = '/apis/apps/v1/namespaces/default/deployments';

describe('validation of every write against the Kubernetes schemas', () => {
  it('refuses an unknown field at any depth under Strict field validation, as a strict decoding error', async () => {
    const { call } = await start();
    const response = await call(
      'POST',
      `${collection}?fieldValidation=Strict`,
      deployment({ imagePullPolcy: 'Always' }, { replica: 2 }),
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toBe(
      'strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolcy", unknown field "spec.replica"',
    );
  });

  it('drops unknown fields without Strict, as the server drops what its types cannot hold', async () => {
    const { call } = await start();
    const response = await call('POST', collection, deployment({}, { replica: 2 }));
    expect(response.status).toBe(201);
    expect(response.body.spec.replica).toBeUndefined();
    expect(response.body.spec.replicas).toBe(1);
  });

  it('refuses an unsupported enum value and a missing required field with 422 and one cause each', async () => {
    const { call } = await start();
    const body = deployment({ imagePullPolicy: 'Sometimes' });
    delete (body.spec as Record<string, unknown>).selector;
    const response = await call('POST', collection, body);
    expect(response.status).toBe(422);
    expect(response.body.reason).toBe('Invalid');
    expect(response.body.message).toBe(
      'Deployment.apps "web" is invalid: [spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never", spec.selector: Required value]',
    );
    expect(response.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
        field: 'spec.template.spec.containers[0].imagePullPolicy',
      },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' },
    ]);
  });

  it('refuses on a server-side dry run exactly what it would refuse for real, and stores nothing', async () => {
    const { call } = await start();
    const path = `${collection}/web?fieldManager=meshcd&dryRun=All&fieldValidation=Strict`;
    const refused = await call('PATCH', path, deployment({}, { replica: 2 }), 'application/apply-patch+yaml');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'failed to create typed patch object (/web; apps/v1, Kind=Deployment): .spec.replica: field not declared in schema',
    );
    const admitted = await call('PATCH', path, deployment({}), 'application/apply-patch+yaml');
    expect(admitted.status).toBe(201);
    expect((await call('GET', `${collection}/web`)).status).toBe(404);
  });

  it('refuses a patch that leaves the object invalid', async () => {
    const { call } = await start();
    await call('POST', collection, deployment({}));
    const response = await call(
      'PATCH',
      `${collection}/web`,
      { spec: { replicas: -1 } },
      'application/merge-patch+json',
    );
    expect(response.status).toBe(422);
    expect(response.body.message).toBe(
      'Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
});
