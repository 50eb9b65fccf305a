/**
 * YAML and JSON files a manifest repository commonly holds that are not manifests, by file name. They are skipped
 * with a warning that says what they are; any other YAML document that is not a Kubernetes object is an error,
 * because skipping it would read as "delete what it held".
 */
const otherFiles: ReadonlyArray<readonly [RegExp, string]> = [
  [/^kustomization\.ya?ml$/i, 'a kustomize file (meshcd applies plain manifests and does not run kustomize)'],
  [/^Chart\.ya?ml$/, 'a Helm chart file (meshcd applies plain manifests and does not render charts)'],
  [/^values\.ya?ml$/, 'a Helm values file (meshcd applies plain manifests and does not render charts)'],
  [/^skaffold\.ya?ml$/, 'a Skaffold configuration'],
  [/^(docker-)?compose\.ya?ml$/, 'a Docker Compose file'],
  [/^package(-lock)?\.json$/, 'an npm package file'],
  [/^tsconfig(\..+)?\.json$/, 'a TypeScript configuration'],
  [/^renovate\.json$/, 'a Renovate configuration'],
  [/^meshcd\.config\.json$/, "meshcd's own command-line defaults"],
];

/** What a YAML file is when its name says it is not a manifest, or undefined. */
export function otherYamlFile(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return otherFiles.find(([pattern]) => pattern.test(name))?.[1];
}
