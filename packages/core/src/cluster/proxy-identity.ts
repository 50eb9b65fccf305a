import type { DesiredMeshMember } from '../desired/desired-state.ts';
import type { ProxyIdentity } from './envoy-env.ts';

const partition = (region: string) =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/**
 * Who a pod's Envoy connects to App Mesh as. The ARN names the mesh owner's account (the resource lives
 * there when the mesh is shared); the controller's short form marks a shared mesh with `@<owner>`.
 */
export function proxyIdentity(
  member: Pick<DesiredMeshMember, 'kind' | 'meshName' | 'meshOwner' | 'name'>,
  options: { region: string; accountId: string },
): ProxyIdentity {
  const type = member.kind === 'VirtualNode' ? 'virtualNode' : 'virtualGateway';
  const shared = member.meshOwner !== undefined && member.meshOwner !== options.accountId;
  const account = member.meshOwner ?? options.accountId;
  return {
    kind: member.kind,
    arn: `arn:${partition(options.region)}:appmesh:${options.region}:${account}:mesh/${member.meshName}/${type}/${member.name}`,
    resourceName: `mesh/${member.meshName}${shared ? `@${member.meshOwner}` : ''}/${type}/${member.name}`,
  };
}
