export {
  type CommitOptions,
  type GitServerHandle,
  type GitServerOptions,
  startGitServer,
} from './start-git-server.ts';
