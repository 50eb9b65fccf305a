/** One AWS provider per region, for the regional resources meshcd declares outside its home region. */
const providers = new Map<string, aws.Provider>();

/** The provider of a region, created once; `purpose` names it (`MeshcdEks`, `MeshcdTrail` …). */
export function providerFor(purpose: string, region: string): aws.Provider {
  const name = `${purpose}${pascal(region)}`;
  let provider = providers.get(name);
  if (!provider) {
    provider = new aws.Provider(name, { region: region as aws.Region });
    providers.set(name, provider);
  }
  return provider;
}

/** `eu-west-1` → `EuWest1`, for resource names. */
export function pascal(value: string): string {
  return value
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}
