import { MeshcdError } from '@meshcd/core';
import { describe, expect, it } from 'vitest';
import { clusterAccessRefused } from './cluster-access-refused.ts';

const refusedBy = (reason: string, message: string) => new MeshcdError({ phase: 'cluster', reason, message });

describe('a cluster that does not admit the user', () => {
  it('names the caller and its role when the cluster says who was refused (403)', () => {
    const error = clusterAccessRefused(
      refusedBy(
        'Forbidden',
        'list namespaces: namespaces is forbidden: User "arn:aws:sts::444455556666:assumed-role/contractor/bob" cannot list resource "namespaces" in API group "" at the cluster scope',
      ),
      'production',
      'prod',
    );
    expect(error).toMatchObject({ phase: 'cluster', reason: 'ClusterAccessDenied', retryable: false });
    expect((error as Error).message).toContain(
      'EKS cluster "prod" of target production does not let your AWS identity arn:aws:sts::444455556666:assumed-role/contractor/bob read it',
    );
    expect((error as Error).message).toContain(
      '--principal-arn arn:aws:iam::444455556666:role/contractor --policy-arn arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminViewPolicy',
    );
  });

  it('says the same without a name when EKS only answers Unauthorized (no access entry maps the identity)', () => {
    const error = clusterAccessRefused(
      refusedBy('Unauthorized', 'list namespaces: Unauthorized'),
      'production',
      'prod',
    );
    expect(error).toMatchObject({ reason: 'ClusterAccessDenied' });
    expect((error as Error).message).toMatch(
      /^EKS cluster "prod" of target production does not let your AWS identity read it: it needs an access entry with a read policy \(list namespaces: Unauthorized\)\. .*--principal-arn <your role ARN> /,
    );
  });

  it('leaves every other failure as it was', () => {
    const timeout = refusedBy('NetworkError', 'list namespaces: connect ETIMEDOUT');
    expect(clusterAccessRefused(timeout, 'production', 'prod')).toBe(timeout);
  });
});
