/** VPC Lattice quotas a translated manifest set can be checked against (spec §3.9, service code `vpc-lattice`). */
export type LatticeQuotaName =
  | 'serviceNetworksPerRegion'
  | 'servicesPerRegion'
  | 'targetGroupsPerRegion'
  | 'listenersPerService'
  | 'rulesPerListener'
  | 'targetGroupsPerService'
  | 'targetsPerTargetGroup'
  | 'serviceAssociationsPerServiceNetwork'
  | 'vpcAssociationsPerServiceNetwork';

export interface LatticeQuotaDefault {
  name: LatticeQuotaName;
  /** The quota's name in Service Quotas. */
  title: string;
  code: string;
  limit: number;
  /** What the quota counts, per which parent. */
  scope: 'region' | 'service' | 'listener' | 'targetGroup' | 'serviceNetwork';
}

const quota = (
  name: LatticeQuotaName,
  title: string,
  code: string,
  limit: number,
  scope: LatticeQuotaDefault['scope'],
): LatticeQuotaDefault => ({ name, title, code, limit, scope });

/** The documented defaults, all adjustable; the account's own values come from Service Quotas. */
export const LATTICE_QUOTA_DEFAULTS: Readonly<Record<LatticeQuotaName, LatticeQuotaDefault>> = {
  serviceNetworksPerRegion: quota(
    'serviceNetworksPerRegion',
    'Service networks per Region',
    'L-9CAD07FB',
    50,
    'region',
  ),
  servicesPerRegion: quota('servicesPerRegion', 'Services per Region', 'L-620C821E', 2000, 'region'),
  targetGroupsPerRegion: quota(
    'targetGroupsPerRegion',
    'Target groups per Region',
    'L-BB11C6B9',
    500,
    'region',
  ),
  listenersPerService: quota('listenersPerService', 'Listeners per service', 'L-D64E952E', 2, 'service'),
  rulesPerListener: quota('rulesPerListener', 'Rules per listener', 'L-CF78395E', 10, 'listener'),
  targetGroupsPerService: quota(
    'targetGroupsPerService',
    'Target groups per service',
    'L-3DEC3B9F',
    10,
    'service',
  ),
  targetsPerTargetGroup: quota(
    'targetsPerTargetGroup',
    'Targets per target group',
    'L-D71303F3',
    1000,
    'targetGroup',
  ),
  serviceAssociationsPerServiceNetwork: quota(
    'serviceAssociationsPerServiceNetwork',
    'Service associations per service network',
    'L-75D4A19E',
    500,
    'serviceNetwork',
  ),
  vpcAssociationsPerServiceNetwork: quota(
    'vpcAssociationsPerServiceNetwork',
    'VPC associations per service network',
    'L-EF6E2D62',
    500,
    'serviceNetwork',
  ),
};

export type LatticeQuotaLimits = Record<LatticeQuotaName, number>;

export const defaultLatticeQuotaLimits = (): LatticeQuotaLimits =>
  Object.fromEntries(
    Object.values(LATTICE_QUOTA_DEFAULTS).map((q) => [q.name, q.limit]),
  ) as LatticeQuotaLimits;
