/**
 * Shared secrets. The webhook secrets have no placeholder on purpose: a deploy without
 * `sst secret set GithubWebhookSecret …` fails instead of accepting deliveries signed with a known
 * value. Git credentials are optional (public repositories need none): empty means none, and targets
 * naming any other secret read it from Secrets Manager.
 */
export const githubWebhookSecret = new sst.Secret('GithubWebhookSecret');
export const gitlabWebhookSecret = new sst.Secret('GitlabWebhookSecret');
export const gitCredentials = new sst.Secret('GitCredentials', '');
