/** The App Mesh resource types an ARN may name, as they appear in the ARN's resource part. */
export type ArnResourceType = 'virtualNode' | 'virtualService' | 'virtualRouter' | 'virtualGateway';

type ParsedArn =
  | { ok: true; mesh: string; meshOwner?: string; type: string; name: string }
  | { ok: false; message: string };

const ARN = /^arn:[^:]+:appmesh(?:-preview)?:[^:]*:[^:]*:(.+)$/;

/**
 * Parses `arn:<partition>:appmesh:<region>:<account>:mesh/<mesh>[@<owner>]/<type>/<name>` and checks the type.
 * Only the resource name is used afterwards: the controller ignores the ARN's mesh, account and region.
 */
export function parseAppMeshArn(arn: string, expected: ArnResourceType): ParsedArn {
  const match = ARN.exec(arn);
  if (!match) return { ok: false, message: `invalid arn: ${arn}` };
  const parts = match[1]!.split('/');
  if (parts[0] !== 'mesh' || parts.length !== 4 || !parts[1] || !parts[3]) {
    return { ok: false, message: `invalid resource in appMesh ARN: ${arn}` };
  }
  const [mesh, owner] = parts[1].split('@') as [string, string | undefined];
  if (parts[2] !== expected) return { ok: false, message: `expects ${expected} ARN, got ${parts[2]}` };
  return { ok: true, mesh, meshOwner: owner || undefined, type: parts[2], name: parts[3] };
}
