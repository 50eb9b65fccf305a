import {
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DescribeMeshCommand,
  DescribeVirtualNodeCommand,
  ListMeshesCommand,
  ListVirtualNodesCommand,
  TagResourceCommand,
  UpdateMeshCommand,
  UpdateVirtualRouterCommand,
} from '@aws-sdk/client-app-mesh';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appMeshErrorStatus, appMeshErrorTypes } from '../../../packages/emulators/src/appmesh/index.ts';
import {
  dnsNode,
  type EmulatorFixture,
  errorOf,
  httpListener,
  httpRoute,
  startFixture,
} from './emulator-fixture.ts';

const meshName = 'errs';

describe('App Mesh emulator errors as the SDK sees them', () => {
  let f: EmulatorFixture;
  beforeEach(async () => {
    f = await startFixture();
    await f.client.send(new CreateMeshCommand({ meshName }));
  });
  afterEach(() => f.close());

  const expectError = async (fn: () => Promise<unknown>, type: string, message?: RegExp) => {
    const error = await errorOf(fn);
    expect(error.name).toBe(type);
    expect(error.$metadata.httpStatusCode).toBe(appMeshErrorStatus[type as keyof typeof appMeshErrorStatus]);
    if (message) expect(error.message).toMatch(message);
    return error;
  };

  it('answers NotFound for a missing mesh, parent, resource or route target', async () => {
    await expectError(
      () => f.client.send(new DescribeMeshCommand({ meshName: 'nope' })),
      'NotFoundException',
      /nope/,
    );
    await expectError(
      () => f.client.send(new DescribeVirtualNodeCommand({ meshName, virtualNodeName: 'ghost' })),
      'NotFoundException',
      /VirtualNode with name ghost is not present under mesh errs/,
    );
    await expectError(
      () => f.client.send(new ListVirtualNodesCommand({ meshName: 'nope' })),
      'NotFoundException',
    );
    await f.client.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await expectError(
      () =>
        f.client.send(
          new CreateRouteCommand({
            meshName,
            virtualRouterName: 'r',
            routeName: 'x',
            spec: httpRoute([{ virtualNode: 'ghost', weight: 1 }]),
          }),
        ),
      'NotFoundException',
      /VirtualNode with name ghost is missing/,
    );
    await expectError(
      () =>
        f.client.send(
          new CreateVirtualServiceCommand({
            meshName,
            virtualServiceName: 's',
            spec: { provider: { virtualRouter: { virtualRouterName: 'ghost' } } },
          }),
        ),
      'NotFoundException',
    );
  });

  it('answers BadRequest naming the member for a model constraint the request breaks', async () => {
    await expectError(
      () => f.client.send(new CreateMeshCommand({ meshName: 'x'.repeat(256) })),
      'BadRequestException',
      /meshName length must be at most 255/,
    );
    await expectError(
      () => f.client.send(new ListMeshesCommand({ limit: 101 })),
      'BadRequestException',
      /limit value must be at most 100/,
    );
    await expectError(
      () =>
        f.client.send(
          new CreateVirtualNodeCommand({
            meshName,
            virtualNodeName: 'n',
            spec: {
              listeners: [{ portMapping: { port: 70000, protocol: 'http' } }],
              serviceDiscovery: { dns: { hostname: 'n' } },
            },
          }),
        ),
      'BadRequestException',
      /spec\.listeners\[0\]\.portMapping\.port value must be at most 65535/,
    );
    await expectError(
      () =>
        f.client.send(
          new CreateVirtualNodeCommand({
            meshName,
            virtualNodeName: 'n',
            spec: { serviceDiscovery: {} as never },
          }),
        ),
      'BadRequestException',
      /spec\.serviceDiscovery must set exactly one of/,
    );
    await expectError(
      () => f.client.send(new UpdateMeshCommand({ meshName, spec: { egressFilter: {} as never } })),
      'BadRequestException',
      /spec\.egressFilter\.type is required/,
    );
  });

  it('answers BadRequest for the service rules beyond the model', async () => {
    await expectError(
      () =>
        f.client.send(
          new CreateVirtualNodeCommand({
            meshName,
            virtualNodeName: 'n',
            spec: { listeners: [httpListener(80)] },
          }),
        ),
      'BadRequestException',
      /serviceDiscovery is required/,
    );
    await expectError(
      () =>
        f.client.send(new DescribeMeshCommand({ meshName: 'arn:aws:appmesh:us-west-2:111122223333:mesh/x' })),
      'BadRequestException',
      /must not contain \//,
    );
    await f.client.send(
      new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: dnsNode('n.local') }),
    );
    await f.client.send(
      new CreateVirtualRouterCommand({
        meshName,
        virtualRouterName: 'r',
        spec: { listeners: [httpListener(80)] },
      }),
    );
    await expectError(
      () =>
        f.client.send(
          new CreateRouteCommand({
            meshName,
            virtualRouterName: 'r',
            routeName: 'w',
            spec: httpRoute([
              { virtualNode: 'n', weight: 60 },
              { virtualNode: 'n', weight: 60 },
            ]),
          }),
        ),
      'BadRequestException',
      /add up to 120/,
    );
    await expectError(
      () =>
        f.client.send(
          new CreateRouteCommand({
            meshName,
            virtualRouterName: 'r',
            routeName: 'tcp',
            spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'n', weight: 1 }] } } },
          }),
        ),
      'BadRequestException',
      /does not match any listener protocol/,
    );
    await f.client.send(
      new CreateRouteCommand({
        meshName,
        virtualRouterName: 'r',
        routeName: 'plain',
        spec: httpRoute([{ virtualNode: 'n', weight: 1 }]),
      }),
    );
    await expectError(
      () =>
        f.client.send(
          new UpdateVirtualRouterCommand({
            meshName,
            virtualRouterName: 'r',
            spec: { listeners: [httpListener(80), httpListener(81)] },
          }),
        ),
      'BadRequestException',
      /1 Route\(s\) are missing port. Listing up to 5 route names: \[plain\]/,
    );
  });

  it('answers Conflict for a duplicate name and for a clientToken reused with different parameters', async () => {
    await expectError(
      () => f.client.send(new CreateMeshCommand({ meshName })),
      'ConflictException',
      /already exists/,
    );
    await f.client.send(new UpdateMeshCommand({ meshName, spec: {}, clientToken: 'tok-1' }));
    await expectError(
      () =>
        f.client.send(
          new UpdateMeshCommand({
            meshName,
            spec: { egressFilter: { type: 'DROP_ALL' } },
            clientToken: 'tok-1',
          }),
        ),
      'ConflictException',
      /client token/,
    );
  });

  it('answers a duplicate name with BadRequest when that behaviour is switched', async () => {
    f.handle.knobs.behaviours.duplicateNameError = 'BadRequestException';
    await expectError(() => f.client.send(new CreateMeshCommand({ meshName })), 'BadRequestException');
  });

  it('answers Forbidden to a consumer creating a virtual gateway in a shared mesh', async () => {
    f.handle.shareMesh(meshName, f.handle.accountId, '444455556666');
    await expectError(
      () =>
        f.clientAs('444455556666').send(
          new CreateVirtualGatewayCommand({
            meshName,
            meshOwner: f.handle.accountId,
            virtualGatewayName: 'g',
            spec: { listeners: [httpListener(80)] },
          }),
        ),
      'ForbiddenException',
    );
  });

  it('answers ResourceInUse for a blocked delete', async () => {
    await f.client.send(new CreateVirtualNodeCommand({ meshName, virtualNodeName: 'n', spec: {} }));
    await expectError(() => f.client.send(new DeleteMeshCommand({ meshName })), 'ResourceInUseException');
  });

  it('answers LimitExceeded past a quota and TooManyTags past 50 tags', async () => {
    f.handle.knobs.quotas.meshesPerAccount = 1;
    await expectError(
      () => f.client.send(new CreateMeshCommand({ meshName: 'second' })),
      'LimitExceededException',
    );
    const arn = `arn:aws:appmesh:us-west-2:${f.handle.accountId}:mesh/${meshName}`;
    const tags = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ key: `k${from + i}`, value: 'v' }));
    await f.client.send(new TagResourceCommand({ resourceArn: arn, tags: tags(0, 30) }));
    await expectError(
      () => f.client.send(new TagResourceCommand({ resourceArn: arn, tags: tags(30, 21) })),
      'TooManyTagsException',
    );
  });

  it.each([
    'InternalServerErrorException',
    'ServiceUnavailableException',
    'TooManyRequestsException',
    'ForbiddenException',
    'BadRequestException',
  ] as const)('injects %s on demand', async (errorType) => {
    f.handle.knobs.faults.ListMeshes = { errorType, times: 1 };
    await expectError(() => f.client.send(new ListMeshesCommand({})), errorType, /Injected/);
    expect((await f.client.send(new ListMeshesCommand({}))).meshes).toHaveLength(1);
  });

  it('answers TooManyRequests once the read token bucket is empty', async () => {
    f.handle.knobs.readRate = { perSecond: 0.001, burst: 2 };
    await f.client.send(new ListMeshesCommand({}));
    await f.client.send(new ListMeshesCommand({}));
    await expectError(() => f.client.send(new ListMeshesCommand({})), 'TooManyRequestsException');
    // Writes have their own bucket.
    await f.client.send(new UpdateMeshCommand({ meshName, spec: {} }));
  });

  it('has a test above for every error type the emulator can answer', () => {
    expect(appMeshErrorTypes.sort()).toEqual(
      [
        'BadRequestException',
        'ConflictException',
        'ForbiddenException',
        'InternalServerErrorException',
        'LimitExceededException',
        'NotFoundException',
        'ResourceInUseException',
        'ServiceUnavailableException',
        'TooManyRequestsException',
        'TooManyTagsException',
      ].sort(),
    );
  });
});
