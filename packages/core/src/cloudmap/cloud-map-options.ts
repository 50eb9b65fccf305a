/** How meshcd manages Cloud Map for a target; the defaults follow the App Mesh controller. */
export interface CloudMapOptions {
  /** TTL of the DNS records of services meshcd creates (the controller's --cloudmap-ttl). */
  dnsTtl: number;
  /**
   * Create services with a custom health check and drive instance health from pod readiness (the
   * controller's --enable-custom-health-check, off there by default; on here, since nothing else probes).
   */
  customHealthCheck: boolean;
  /** The cluster is IPv6: AAAA records and AWS_INSTANCE_IPV6. */
  ipv6: boolean;
  /**
   * Create a missing Cloud Map namespace (tagged as meshcd's) instead of reporting it: private DNS in this
   * VPC when `vpc` is set, HTTP otherwise. Off by default: the controller never created namespaces.
   */
  createNamespaces: { vpc?: string } | false;
}

const defaultCloudMapOptions: CloudMapOptions = {
  dnsTtl: 300,
  customHealthCheck: true,
  ipv6: false,
  createNamespaces: false,
};

/** The attribute keys the controller wrote and read; the subset keys say which node an instance is for. */
export const cloudMapAttributes = {
  ipv4: 'AWS_INSTANCE_IPV4',
  ipv6: 'AWS_INSTANCE_IPV6',
  port: 'AWS_INSTANCE_PORT',
  initHealth: 'AWS_INIT_HEALTH_STATUS',
  pod: 'k8s.io/pod',
  namespace: 'k8s.io/namespace',
  mesh: 'appmesh.k8s.aws/mesh',
  virtualNode: 'appmesh.k8s.aws/virtualNode',
  region: 'REGION',
  zone: 'AVAILABILITY_ZONE',
} as const;

/** The pod condition the injected readiness gate waits for. */
export const cloudMapHealthyCondition = 'conditions.appmesh.k8s.aws/aws-cloudmap-healthy';

/** A target's Cloud Map settings over the defaults. */
export const cloudMapOptions = (overrides: Partial<CloudMapOptions> | undefined): CloudMapOptions => ({
  ...defaultCloudMapOptions,
  ...overrides,
});
