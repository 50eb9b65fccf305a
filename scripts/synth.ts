/**
 * `npm run synth [-- --targets <file>]`: the offline synthesis of sst.config.ts (Pulumi in mock mode, no
 * AWS account needed) as JSON on stdout: every resource with its type, name and properties, and each
 * function's environment size, so reviewers and CI policy checks can read what a deploy would create.
 * Secret values are never printed: they appear as `[secret]`.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { synthesize } from '../test/infra/synth-app.ts';

const { values } = parseArgs({ options: { targets: { type: 'string' } }, allowPositionals: false });

// sst.Secret values come from the environment at deploy; offline, stand-ins keep them out of the output.
const secrets = ['GithubWebhookSecret', 'GitlabWebhookSecret', 'GitCredentials'];
const env: Record<string, string> = {};
for (const name of secrets) env[`SST_SECRET_${name}`] = process.env[`SST_SECRET_${name}`] ?? `synth-${name}`;
if (values.targets) env.MESHCD_TARGETS_FILE = resolve(values.targets);
// `--targets` wins over targets in the environment.
if (values.targets) delete process.env.MESHCD_TARGETS;

// Pulumi and the components log to stdout; the JSON is the only thing written there.
const stdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
  (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
const result = await synthesize(env, { hideSecrets: true });
const out = JSON.stringify(
  {
    resources: result.resources.map((r) => ({ type: r.type, name: r.name, properties: r.inputs })),
    functions: result.environments,
  },
  null,
  2,
);
stdoutWrite(`${out}\n`, () => process.exit(0));
