import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures/load-fixture.ts';
import { normalizeEvent } from './normalize-event.ts';

type Event = { detail: Record<string, unknown> } & Record<string, unknown>;

describe('normalizeEvent', () => {
  it('reads meshcd’s own Git Push event', () => {
    expect(normalizeEvent(fixture('meshcd-git-push'))).toEqual({
      type: 'git-push',
      provider: 'github',
      repository: 'https://github.com/example-org/mesh-manifests.git',
      branch: 'main',
      revision: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
      order: 1772360061000,
      deliveryId: '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      pusher: 'jdoe',
      changedPaths: ['mesh/checkout/virtual-router.yaml', 'mesh/payments/virtual-node.yaml'],
    });
  });

  it('refuses a Git Push detail of a schema version it does not know', () => {
    const event = fixture<Event>('meshcd-git-push');
    event.detail.schemaVersion = '2';
    expect(() => normalizeEvent(event)).toThrow(
      expect.objectContaining({ reason: 'unsupported-schema-version', retryable: false }),
    );
  });

  it('names the event and the field when a Git Push detail carries an abbreviated SHA', () => {
    const event = fixture<Event>('meshcd-git-push');
    event.detail.revision = '0d1a26e';
    expect(() => normalizeEvent(event)).toThrow(
      /meshcd\.git \/ Git Push event c4f1e2d3.*revision: a full commit SHA/,
    );
  });

  it('turns a CodeCommit branch update into a push of the new commit ordered by event time', () => {
    expect(normalizeEvent(fixture('codecommit-reference-updated'))).toEqual({
      type: 'git-push',
      provider: 'codecommit',
      repository: 'https://git-codecommit.us-east-2.amazonaws.com/v1/repos/mesh-manifests',
      branch: 'main',
      revision: '5f1e9a7c2b8d4e6f0a1b2c3d4e5f6a7b8c9d0e1f',
      before: '3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d',
      order: Date.parse('2026-03-03T14:22:31Z'),
      deliveryId: '01234567-0123-0123-0123-012345678901',
      pusher: 'arn:aws:iam::123456789012:user/jdoe',
    });
  });

  it('treats a created CodeCommit branch as a push and ignores deletions and tags', () => {
    expect(normalizeEvent(fixture('codecommit-reference-created'))).toMatchObject({
      branch: 'staging',
      revision: '7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b',
    });
    const deleted = fixture<Event>('codecommit-reference-updated');
    deleted.detail.event = 'referenceDeleted';
    expect(normalizeEvent(deleted)).toBeUndefined();
    const tag = fixture<Event>('codecommit-reference-created');
    tag.detail.referenceType = 'tag';
    expect(normalizeEvent(tag)).toBeUndefined();
  });

  it('reads meshcd’s Kubernetes Object Changed event', () => {
    expect(normalizeEvent(fixture('meshcd-kubernetes-object-changed'))).toEqual({
      type: 'cluster-object-changed',
      cluster: 'prod',
      change: 'modified',
      namespace: 'payments',
      group: 'apps',
      kind: 'Deployment',
      name: 'checkout',
      uid: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
      resourceVersion: '918273',
      eventId: '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9',
    });
  });

  it('reads a Kubernetes Event from kubernetes-event-exporter’s EventBridge sink', () => {
    expect(normalizeEvent(fixture('kubernetes-event-exporter'))).toEqual({
      type: 'cluster-object-changed',
      cluster: 'prod',
      change: 'event',
      namespace: 'payments',
      group: 'apps',
      kind: 'Deployment',
      name: 'checkout',
      uid: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
      resourceVersion: '918299',
      reason: 'ScalingReplicaSet',
      message: 'Scaled up replica set checkout-7d9f8c6b5 to 3',
      eventId: 'a9b8c7d6-e5f4-4a3b-2c1d-0e9f8a7b6c5d',
    });
  });

  it('reads the exporter’s flat templated layout, taking the cluster from the source', () => {
    const event = fixture<Event>('kubernetes-event-exporter');
    event.detail = {
      kind: 'Service',
      namespace: 'payments',
      name: 'checkout',
      apiVersion: 'v1',
      reason: 'Updated',
    };
    expect(normalizeEvent(event)).toMatchObject({
      cluster: 'prod',
      group: '',
      kind: 'Service',
      reason: 'Updated',
    });
  });

  it('turns an out-of-band UpdateRoute into an App Mesh API call naming router, route and caller', () => {
    expect(normalizeEvent(fixture('cloudtrail-appmesh-update-route'))).toEqual({
      type: 'appmesh-api-call',
      eventName: 'UpdateRoute',
      meshName: 'payments',
      resourceKind: 'Route',
      resourceName: 'checkout-route_payments',
      parentName: 'checkout-router_payments',
      userIdentityArn:
        'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/jdoe@example.com',
      sessionIssuerArn:
        'arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef',
      accountId: '123456789012',
      region: 'eu-west-1',
      eventTime: '2026-03-05T16:44:58Z',
      eventId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    });
  });

  it('ignores read-only and failed App Mesh calls', () => {
    const read = fixture<Event>('cloudtrail-appmesh-update-route');
    read.detail.eventName = 'DescribeRoute';
    read.detail.readOnly = true;
    expect(normalizeEvent(read)).toBeUndefined();
    const failed = fixture<Event>('cloudtrail-appmesh-update-route');
    failed.detail.errorCode = 'ConflictException';
    expect(normalizeEvent(failed)).toBeUndefined();
  });

  it('finds the resource of a TagResource call in its ARN', () => {
    const tag = fixture<Event>('cloudtrail-appmesh-update-route');
    tag.detail.eventName = 'TagResource';
    tag.detail.requestParameters = {
      resourceArn:
        'arn:aws:appmesh:eu-west-1:123456789012:mesh/payments/virtualGateway/ingress_payments/gatewayRoute/api',
      tags: [{ key: 'meshcd:target', value: 'other' }],
    };
    expect(normalizeEvent(tag)).toMatchObject({
      meshName: 'payments',
      resourceKind: 'GatewayRoute',
      resourceName: 'api',
      parentName: 'ingress_payments',
    });
  });

  it('turns a classic scheduled rule into a drift sweep of every target', () => {
    expect(normalizeEvent(fixture('scheduled-event'))).toEqual({
      type: 'schedule',
      check: 'drift',
      scheduleName: 'meshcd-drift-sweep',
      time: '2026-03-06T00:00:00Z',
      eventId: '89d1a02d-5ec7-412e-82f5-13505f849b41',
    });
  });

  it('reads a Scheduled Check for one target', () => {
    const event = {
      ...fixture('scheduled-event'),
      source: 'meshcd.scheduler',
      'detail-type': 'Scheduled Check',
      detail: { schemaVersion: '1', check: 'quota', targetId: 'payments-prod' },
    };
    expect(normalizeEvent(event)).toMatchObject({
      type: 'schedule',
      check: 'quota',
      targetId: 'payments-prod',
    });
  });

  it('refuses sources meshcd does not subscribe to', () => {
    const event = { ...fixture('scheduled-event'), source: 'aws.s3', 'detail-type': 'Object Created' };
    expect(() => normalizeEvent(event)).toThrow(
      expect.objectContaining({ phase: 'event', reason: 'unsupported-event' }),
    );
  });
});
