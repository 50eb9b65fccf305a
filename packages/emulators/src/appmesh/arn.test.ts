import { describe, expect, it } from 'vitest';
import { formatArn, parseArn } from './arn.ts';
import type { ResourceKind } from './resource-kinds.ts';

describe('App Mesh ARNs', () => {
  const cases: { kind: ResourceKind; parentName?: string; arn: string }[] = [
    { kind: 'mesh', arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m' },
    { kind: 'virtualNode', arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualNode/x' },
    { kind: 'virtualRouter', arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualRouter/x' },
    {
      kind: 'route',
      parentName: 'r',
      arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualRouter/r/route/x',
    },
    { kind: 'virtualService', arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualService/x' },
    { kind: 'virtualGateway', arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualGateway/x' },
    {
      kind: 'gatewayRoute',
      parentName: 'g',
      arn: 'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualGateway/g/gatewayRoute/x',
    },
  ];

  it.each(cases)(
    'formats and parses back a $kind ARN with singular segments',
    ({ kind, parentName, arn }) => {
      const name = kind === 'mesh' ? 'm' : 'x';
      const parts = {
        region: 'us-west-2',
        account: '111122223333',
        meshName: 'm',
        kind,
        name,
        ...(parentName ? { parentName } : {}),
      };
      expect(formatArn(parts)).toBe(arn);
      expect(parseArn(arn)).toEqual(parts);
    },
  );

  it('takes the partition from the region', () => {
    expect(
      formatArn({ region: 'cn-north-1', account: '111122223333', meshName: 'm', kind: 'mesh', name: 'm' }),
    ).toBe('arn:aws-cn:appmesh:cn-north-1:111122223333:mesh/m');
  });

  it.each([
    'arn:aws:appmesh:us-west-2:111122223333:m',
    'arn:aws:appmesh:us-west-2:1234:mesh/m',
    'arn:aws:appmesh:us-west-2:111122223333:mesh/m/virtualNode/n/route/x',
    'arn:aws:s3:::bucket',
  ])('rejects %s', (arn) => {
    expect(parseArn(arn)).toBeUndefined();
  });
});
