import type { LatticeOptions } from '../lattice/lattice-options.ts';
import type { LatticeTranslation } from '../lattice/translate-to-lattice.ts';

/**
 * The cut-over the spec recommends (§4.1, §5.2, §5.3, after the AWS in-place migration sample): build Lattice
 * beside App Mesh, prove the targets healthy, move clients one at a time, move ingress, then remove App Mesh.
 * Steps that do not apply to this set are left out.
 */
export function cutoverSteps(translation: LatticeTranslation, options: LatticeOptions): string[] {
  const kinds = new Set(translation.desired.resources.map((r) => r.kind));
  const rows = new Set(translation.findings.map((f) => f.row));
  const steps = [
    'Allow the managed prefix lists com.amazonaws.<region>.vpc-lattice (and .ipv6.) on the security groups of the pods and nodes, for every target port and health-check port: Lattice health checks and traffic come from there, not from the kubelet.',
    'Check that pod IPs are VPC-routable (Amazon VPC CNI or Fargate); overlay networks cannot be IP targets.',
    `Apply the same manifests with the Lattice provider, beside App Mesh, which keeps serving: ${[...kinds].join(', ')}.`,
    'Wait until every target group reports its targets HEALTHY (meshcd registers the ready pods of each VirtualNode).',
  ];
  if (translation.clientNames.some((c) => c.customDomain))
    steps.push(
      'Create the DNS records (Route 53 private hosted zone) mapping each custom domain to its generated Lattice name.',
    );
  if (options.authType === 'AWS_IAM')
    steps.push(
      'Give each calling ServiceAccount its IAM role and make the callers sign requests with SigV4 (AWS SDK or a SigV4 proxy) before they move.',
    );
  steps.push(
    'Move clients to the Lattice names one caller at a time, watching errors; moving back is changing the name back while App Mesh still runs.',
    'For rolling updates, give pods a preStop sleep of at least 60 s and terminationGracePeriodSeconds of at least 150 s, so deregistration reaches Lattice before a pod stops.',
  );
  if (rows.has('virtualGateway.object'))
    steps.push(
      'Repoint the internet-facing load balancer from the virtual gateway to the entry service (ALB or NLB through the AWS Load Balancer Controller), taking over the gateway routes and rewrites.',
    );
  steps.push(
    'Once no client calls the old names: disable sidecar injection, restart the workloads without Envoy, then remove the App Mesh objects (prune) and the meshes.',
  );
  return steps;
}
