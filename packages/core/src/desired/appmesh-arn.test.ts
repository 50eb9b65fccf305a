import { describe, expect, it } from 'vitest';
import { parseAppMeshArn } from './appmesh-arn.ts';

describe('parseAppMeshArn', () => {
  it.each([
    [
      'arn:aws:appmesh:eu-west-1:111122223333:mesh/m/virtualNode/n_ns',
      { ok: true, mesh: 'm', type: 'virtualNode', name: 'n_ns' },
    ],
    [
      'arn:aws:appmesh:eu-west-1:111122223333:mesh/m@444455556666/virtualNode/n',
      { ok: true, mesh: 'm', meshOwner: '444455556666', type: 'virtualNode', name: 'n' },
    ],
    [
      'arn:aws:appmesh:eu-west-1:1:mesh/m/virtualService/s',
      { ok: false, message: 'expects virtualNode ARN, got virtualService' },
    ],
    [
      'arn:aws:appmesh:eu-west-1:1:mesh/m',
      { ok: false, message: 'invalid resource in appMesh ARN: arn:aws:appmesh:eu-west-1:1:mesh/m' },
    ],
    ['colorapp-service-ARN', { ok: false, message: 'invalid arn: colorapp-service-ARN' }],
  ])('parses %s', (arn, expected) => {
    expect(parseAppMeshArn(arn, 'virtualNode')).toEqual(expected);
  });
});
