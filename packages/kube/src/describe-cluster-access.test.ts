import type { DescribeClusterCommand } from '@aws-sdk/client-eks';
import { MeshcdError } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { describeClusterAccess, type EksSender } from './describe-cluster-access.ts';

/** A stand-in EKS client: records the commands and answers with the given cluster or error. */
function fakeEks(answer: { cluster?: Record<string, unknown> } | Error) {
  const commands: DescribeClusterCommand[] = [];
  const send = async (command: DescribeClusterCommand) => {
    commands.push(command);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { commands, eks: { send } as unknown as EksSender };
}

describe('describeClusterAccess', () => {
  it('returns the endpoint and CA of an active cluster', async () => {
    const { eks, commands } = fakeEks({
      cluster: {
        name: 'prod',
        status: 'ACTIVE',
        endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
        certificateAuthority: { data: 'LS0tLS1CRUdJTg==' },
      },
    });
    await expect(describeClusterAccess(eks, 'prod')).resolves.toEqual({
      endpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
      caData: 'LS0tLS1CRUdJTg==',
    });
    expect(commands.map((c) => c.input)).toEqual([{ name: 'prod' }]);
  });

  it('reports a cluster that is still creating as retryable', async () => {
    const { eks } = fakeEks({ cluster: { name: 'prod', status: 'CREATING' } });
    await expect(describeClusterAccess(eks, 'prod')).rejects.toMatchObject({
      phase: 'cluster',
      step: 'describe',
      reason: 'ClusterNotActive',
      retryable: true,
      message: expect.stringContaining('CREATING'),
    });
  });

  it('reports a missing cluster as terminal, keeping the SDK error as cause', async () => {
    const missing = Object.assign(new Error('No cluster found for name: prod.'), {
      name: 'ResourceNotFoundException',
    });
    const { eks } = fakeEks(missing);
    const error = await describeClusterAccess(eks, 'prod').catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'ClusterNotFound', retryable: false });
    expect((error as Error).cause).toBe(missing);
  });

  it('reports a denied DescribeCluster as terminal: only a change to IAM can fix it', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: eks:DescribeCluster'), {
      name: 'AccessDeniedException',
    });
    const { eks } = fakeEks(denied);
    const error = await describeClusterAccess(eks, 'prod').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeshcdError);
    expect(error).toMatchObject({ phase: 'cluster', reason: 'ClusterAccessDenied', retryable: false });
  });

  it('reports throttling as retryable', async () => {
    const { eks } = fakeEks(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(describeClusterAccess(eks, 'prod')).rejects.toMatchObject({
      reason: 'ClusterCallFailed',
      retryable: true,
    });
  });
});
