export {
  type GitHostApiHandle,
  type GitHostApiOptions,
  type StoredComment,
  type StoredCommitStatus,
  startGitHostApi,
} from './start-git-host-api.ts';
