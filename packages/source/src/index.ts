export {
  defaultMaxFetchBytes,
  defaultSourceLimits,
  type FetchManifestTreeOptions,
  fetchManifestTree,
  type GitSourceLimits,
  type ManifestFile,
  type ManifestTree,
  type SourceLimits,
} from './fetch-manifest-tree.ts';
export { credentialsFromSecret, type GitCredentials } from './git-credentials.ts';
export { type SourceErrorReason, sourceError } from './source-error.ts';
