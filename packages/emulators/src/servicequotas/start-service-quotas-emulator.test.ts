import {
  GetServiceQuotaCommand,
  NoSuchResourceException,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ServiceQuotasEmulatorHandle,
  startServiceQuotasEmulator,
} from './start-service-quotas-emulator.ts';

let emulator: ServiceQuotasEmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const clientOf = (endpoint: string, accessKeyId = 'AKIDEXAMPLE') =>
  new ServiceQuotasClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'secret' },
  });

describe('the Service Quotas emulator', () => {
  it('answers the documented default of an App Mesh and a VPC Lattice quota, with its ARN', async () => {
    emulator = await startServiceQuotasEmulator({ accountId: '123456789012' });
    const client = clientOf(emulator.endpoint);
    const nodes = await client.send(
      new GetServiceQuotaCommand({ ServiceCode: 'appmesh', QuotaCode: 'L-E043DFB4' }),
    );
    expect(nodes.Quota).toMatchObject({
      ServiceCode: 'appmesh',
      QuotaCode: 'L-E043DFB4',
      QuotaName: 'Virtual nodes per mesh',
      QuotaArn: 'arn:aws:servicequotas:eu-west-1:123456789012:appmesh/L-E043DFB4',
      Value: 200,
    });
    const rules = await client.send(
      new GetServiceQuotaCommand({ ServiceCode: 'vpc-lattice', QuotaCode: 'L-CF78395E' }),
    );
    expect(rules.Quota).toMatchObject({ QuotaName: 'Rules per listener', Value: 10 });
    expect(emulator.calls.map((c) => [c.operation, c.status, c.input.QuotaCode])).toEqual([
      ['GetServiceQuota', 200, 'L-E043DFB4'],
      ['GetServiceQuota', 200, 'L-CF78395E'],
    ]);
  });

  it("answers a test's value over the default, in the signing account", async () => {
    emulator = await startServiceQuotasEmulator({ values: { 'appmesh/L-E043DFB4': 500 } });
    const { Quota } = await clientOf(emulator.endpoint, '222222222222').send(
      new GetServiceQuotaCommand({ ServiceCode: 'appmesh', QuotaCode: 'L-E043DFB4' }),
    );
    expect(Quota).toMatchObject({
      Value: 500,
      QuotaArn: 'arn:aws:servicequotas:eu-west-1:222222222222:appmesh/L-E043DFB4',
    });
  });

  it('refuses an unknown quota or service code with NoSuchResourceException', async () => {
    emulator = await startServiceQuotasEmulator();
    const client = clientOf(emulator.endpoint);
    for (const input of [
      { ServiceCode: 'appmesh', QuotaCode: 'L-00000000' },
      { ServiceCode: 'ec2', QuotaCode: 'L-E043DFB4' },
    ])
      await expect(client.send(new GetServiceQuotaCommand(input))).rejects.toBeInstanceOf(
        NoSuchResourceException,
      );
    expect(emulator.calls.map((c) => c.errorType)).toEqual([
      'NoSuchResourceException',
      'NoSuchResourceException',
    ]);
  });
});
