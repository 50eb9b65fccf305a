import * as sdk from '@aws-sdk/client-vpc-lattice';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latticeErrorStatus, latticeErrorTypes } from '../../../packages/emulators/src/lattice/index.ts';
import {
  errorOf,
  forward,
  type LatticeFixture,
  other,
  serviceWithListener,
  startFixture,
} from './lattice-fixture.ts';

describe('VPC Lattice emulator errors as the SDK sees them', () => {
  let f: LatticeFixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('answers model violations with ValidationException, reason and fieldList', async () => {
    const e = await errorOf<{ reason: string; fieldList: { name: string; message: string }[] }>(() =>
      f.client.send(new sdk.CreateServiceCommand({ name: 'Bad!', idleTimeoutSeconds: 5 })),
    );
    expect(e.name).toBe('ValidationException');
    expect(e.$metadata.httpStatusCode).toBe(400);
    expect(e.reason).toBe('fieldValidationFailed');
    expect(e.fieldList.map((x) => x.name).sort()).toEqual(['idleTimeoutSeconds', 'name']);
    // Names are checked whole: a valid part does not pass an invalid name.
    expect(
      (await errorOf(() => f.client.send(new sdk.CreateServiceCommand({ name: 'svc-starts-with-prefix' }))))
        .name,
    ).toBe('ValidationException');
    expect(
      (await errorOf(() => f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'double--hyphen' }))))
        .name,
    ).toBe('ValidationException');
  });

  it('answers an empty path label with ValidationException naming the label', async () => {
    const e = await errorOf<{ fieldList: { name: string }[] }>(() =>
      f.client.send(new sdk.GetServiceCommand({ serviceIdentifier: '' })),
    );
    expect(e.name).toBe('ValidationException');
    expect([...new Set(e.fieldList.map((x) => x.name))]).toEqual(['serviceIdentifier']);
  });

  it('accepts percent-encoded ARNs as path labels and answers ResourceNotFound with resource id and type', async () => {
    const svc = await f.client.send(new sdk.CreateServiceCommand({ name: 'by-arn' }));
    expect((await f.client.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.arn }))).id).toBe(svc.id);
    const missing = 'svc-0123456789abcdefg';
    const e = await errorOf<{ resourceId: string; resourceType: string }>(() =>
      f.client.send(new sdk.GetServiceCommand({ serviceIdentifier: missing })),
    );
    expect([e.name, e.$metadata.httpStatusCode, e.resourceId, e.resourceType]).toEqual([
      'ResourceNotFoundException',
      404,
      missing,
      'SERVICE',
    ]);
  });

  it('denies another account access to a resource by ARN, and hides it by id', async () => {
    const svc = await f.client.send(new sdk.CreateServiceCommand({ name: 'private' }));
    const stranger = f.clientAs(other);
    const denied = await errorOf(() =>
      stranger.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.arn })),
    );
    expect([denied.name, denied.$metadata.httpStatusCode]).toEqual(['AccessDeniedException', 403]);
    expect(
      (await errorOf(() => stranger.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.id })))).name,
    ).toBe('ResourceNotFoundException');
    f.handle.share(svc.id as string, other);
    expect((await stranger.send(new sdk.GetServiceCommand({ serviceIdentifier: svc.arn }))).name).toBe(
      'private',
    );
    const write = await errorOf(() =>
      stranger.send(new sdk.UpdateServiceCommand({ serviceIdentifier: svc.arn, authType: 'AWS_IAM' })),
    );
    expect(write.name).toBe('AccessDeniedException');
  });

  it('answers a duplicate name with ConflictException that says it already exists', async () => {
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'twice' }));
    const e = await errorOf<{ resourceType: string }>(() =>
      f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'twice' })),
    );
    expect([e.name, e.$metadata.httpStatusCode, e.resourceType]).toEqual([
      'ConflictException',
      409,
      'SERVICE_NETWORK',
    ]);
    expect(e.message).toMatch(/already exist/);
    // Another account may use the name.
    await f.clientAs(other).send(new sdk.CreateServiceNetworkCommand({ name: 'twice' }));
  });

  it('answers the quota error with 402 and its quota fields', async () => {
    f.handle.knobs.quotas.serviceNetworksPerRegion = 1;
    await f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'one' }));
    const e = await errorOf<{ serviceCode: string; quotaCode: string; resourceType: string }>(() =>
      f.client.send(new sdk.CreateServiceNetworkCommand({ name: 'two' })),
    );
    expect([e.name, e.$metadata.httpStatusCode, e.serviceCode, e.quotaCode, e.resourceType]).toEqual([
      'ServiceQuotaExceededException',
      402,
      'vpc-lattice',
      'L-9CAD07FB',
      'SERVICE_NETWORK',
    ]);
  });

  it('throttles per account with 429, Retry-After and the service code', async () => {
    f.handle.knobs.readRate = { perSecond: 0.5, burst: 1 };
    await f.client.send(new sdk.ListServicesCommand({}));
    const e = await errorOf<{ retryAfterSeconds: number; serviceCode: string }>(() =>
      f.client.send(new sdk.ListServicesCommand({})),
    );
    expect([e.name, e.$metadata.httpStatusCode, e.retryAfterSeconds, e.serviceCode]).toEqual([
      'ThrottlingException',
      429,
      2,
      'vpc-lattice',
    ]);
    // Another account has its own bucket.
    await f.clientAs(other).send(new sdk.ListServicesCommand({}));
  });

  it('injects InternalServerException, which the SDK retries to success', async () => {
    f.handle.knobs.faults.ListServiceNetworks = { errorType: 'InternalServerException', times: 1 };
    const once = await errorOf(() => f.client.send(new sdk.ListServiceNetworksCommand({})));
    expect([once.name, once.$metadata.httpStatusCode]).toEqual(['InternalServerException', 500]);
    f.handle.knobs.faults.ListServiceNetworks = { errorType: 'InternalServerException', times: 1 };
    const retried = await f.clientAs(f.handle.accountId, 3).send(new sdk.ListServiceNetworksCommand({}));
    expect(retried.items).toEqual([]);
  });

  it('maps every error type of the model to its status', async () => {
    expect(latticeErrorTypes.map((t) => [t, latticeErrorStatus[t]])).toEqual([
      ['AccessDeniedException', 403],
      ['ConflictException', 409],
      ['InternalServerException', 500],
      ['ResourceNotFoundException', 404],
      ['ServiceQuotaExceededException', 402],
      ['ThrottlingException', 429],
      ['ValidationException', 400],
    ]);
    for (const type of latticeErrorTypes) {
      f.handle.knobs.faults.ListServices = { errorType: type, times: 1 };
      const e = await errorOf(() => f.client.send(new sdk.ListServicesCommand({})));
      expect([e.name, e.$metadata.httpStatusCode]).toEqual([type, latticeErrorStatus[type]]);
    }
  });

  it('refuses an out-of-scope operation as unknownOperation and lists none of its resources', async () => {
    const e = await errorOf<{ reason: string }>(() =>
      f.client.send(
        new sdk.GetResourceGatewayCommand({ resourceGatewayIdentifier: 'rgw-0123456789abcdefg' }),
      ),
    );
    expect([e.name, e.reason]).toEqual(['ValidationException', 'unknownOperation']);
    expect((await f.client.send(new sdk.ListResourceGatewaysCommand({}))).items).toEqual([]);
  });

  it('checks references: a forward to a missing target group is ResourceNotFound', async () => {
    const { service } = await serviceWithListener(f.client, 'refs');
    const e = await errorOf<{ resourceType: string }>(() =>
      f.client.send(
        new sdk.CreateListenerCommand({
          serviceIdentifier: service.id,
          name: 'second',
          protocol: 'HTTPS',
          defaultAction: forward('tg-0123456789abcdefg'),
        }),
      ),
    );
    expect([e.name, e.resourceType]).toEqual(['ResourceNotFoundException', 'TARGET_GROUP']);
  });
});
