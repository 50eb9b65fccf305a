import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleHandler } from './bundle-handler.ts';
import { renderPolicyDocument } from './policy-document.ts';

export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const platformDir = join(repoRoot, '.sst', 'platform');

export const synthAccount = '111111111111';
export const synthRegion = 'us-east-1';

/**
 * The parts of @pulumi/pulumi used here. It lives in .sst/platform/node_modules, which the root
 * type-check runs without (CI installs the platform after it), so its types are not imported.
 */
interface PulumiSdk {
  runtime: {
    setMocks(
      mocks: {
        newResource(args: {
          type: string;
          name: string;
          inputs: Record<string, unknown>;
          provider?: string;
        }): {
          id: string;
          state: Record<string, unknown>;
        };
        call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown>;
      },
      project: string,
      stack: string,
      preview: boolean,
    ): Promise<void>;
  };
  output<T>(value: T): { apply<U>(fn: (value: T) => U): unknown };
  [helper: string]: unknown;
}

/** One resource Pulumi asked the (mocked) engine to create. */
export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The explicit provider's reference (`urn…::id`), for resources declared in another region. */
  provider?: string;
}

/** A function's environment as Lambda would hold it: its size against the 4 KB limit, its secrets. */
export interface FunctionEnvironment {
  /** Bytes of every variable's name and value, what Lambda counts against its 4 KB limit. */
  bytes: number;
  /** Variables whose value is (or holds) a Pulumi secret: a secret in plain sight of `GetFunctionConfiguration`. */
  secretVariables: string[];
}

export interface SynthResult {
  resources: RecordedResource[];
  /** Function resource name → its environment. */
  environments: Record<string, FunctionEnvironment>;
  outputs: Record<string, unknown>;
  /** Function id → bundle built for it. */
  bundles: Record<string, { handler: string; bytes: number; inputs: string[]; links: string[] }>;
}

/**
 * Runs sst.config.ts offline: the globals the sst CLI injects, Pulumi in mock mode recording every
 * resource, and a stand-in for the CLI's RPC server that bundles handlers with esbuild.
 */
export async function synthesize(
  env: Record<string, string>,
  { hideSecrets = false }: { hideSecrets?: boolean } = {},
): Promise<SynthResult> {
  if (!existsSync(join(platformDir, 'src', 'components', 'index.ts'))) {
    throw new Error(
      `${platformDir} is missing: run \`npm run typecheck:infra\` (it runs \`sst install\`) first`,
    );
  }
  Object.assign(process.env, env);
  const work = await mkdtemp(join(tmpdir(), 'meshcd-synth-'));
  const bundles: SynthResult['bundles'] = {};
  const rpc = await startRpcServer(work, bundles);
  process.env.SST_SERVER = rpc.url;
  process.env.SST_AWS_REGION = synthRegion;
  try {
    const platformRequire = createRequire(join(platformDir, 'package.json'));
    const pulumi = platformRequire('@pulumi/pulumi') as PulumiSdk;
    const resources: RecordedResource[] = [];
    const environments: Record<string, FunctionEnvironment> = {};
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          resources.push({
            type: args.type,
            name: args.name,
            inputs: revealSecrets(args.inputs, hideSecrets) as Record<string, unknown>,
            ...(args.provider ? { provider: args.provider } : {}),
          });
          if (args.type === 'aws:lambda/function:Function') {
            environments[args.name] = environmentOf(args.inputs.environment);
          }
          const arn = arnOf(args.type, args.name);
          return {
            id: `${args.name}-id`,
            state: {
              ...args.inputs,
              arn,
              name: args.inputs.name ?? args.name,
              url: `https://${args.name}.example`,
              functionUrl: `https://${args.name}.lambda-url.${synthRegion}.on.aws/`,
              invokeArn: `${arn}/invocations`,
              qualifiedArn: `${arn}:$LATEST`,
              version: '$LATEST',
            },
          };
        },
        call(args) {
          return providerCall(args.token, args.inputs);
        },
      },
      'meshcd',
      'test',
      false,
    );
    setGlobals(pulumi, platformRequire, work);
    const components = await import(join(platformDir, 'src', 'components', 'index.ts'));
    const component = await import(join(platformDir, 'src', 'components', 'component.ts'));
    const link = await import(join(platformDir, 'src', 'components', 'link.ts'));
    Object.assign(globalThis, {
      sst: components,
      $transform: component.$transform,
      $asset: component.$asset,
      $linkable: link.Link.makeLinkable,
    });
    const config = (await import(join(repoRoot, 'sst.config.ts'))).default as { run(): Promise<unknown> };
    const returned = await config.run();
    const outputs = await new Promise<Record<string, unknown>>((done) =>
      pulumi
        .output(returned as Record<string, unknown>)
        .apply((value) => done(value as Record<string, unknown>)),
    );
    // Every registration Pulumi still has in flight (a function's waits for its bundle to be built and
    // zipped, which takes a while for a split bundle on a loaded machine), then the quiet period.
    const settings = platformRequire('@pulumi/pulumi/runtime/settings') as { waitForRPCs(): Promise<void> };
    await settings.waitForRPCs();
    await settle(() => resources.length, rpc.pendingBuilds);
    return { resources, environments, outputs, bundles };
  } finally {
    await rpc.close();
  }
}

function setGlobals(pulumi: PulumiSdk, platformRequire: NodeJS.Require, work: string) {
  Object.assign(globalThis, {
    $config: (input: unknown) => input,
    $app: { name: 'meshcd', stage: 'test', removal: 'remove', protect: false, providers: {} },
    $dev: false,
    $cli: {
      command: 'deploy',
      paths: { home: work, root: repoRoot, work, platform: platformDir },
      state: { version: {} },
      home: 'aws',
    },
    $output: pulumi.output,
    $apply: pulumi.apply,
    $resolve: pulumi.all,
    $interpolate: pulumi.interpolate,
    $concat: pulumi.concat,
    $jsonParse: pulumi.jsonParse,
    $jsonStringify: pulumi.jsonStringify,
    $util: pulumi,
    $secrets: {},
    aws: platformRequire('@pulumi/aws'),
  });
}

/** Pulumi's wire marker of a secret value: inputs derived from sst.Secret arrive wrapped in it. */
const secretSignature = '4dabf18193072939515e22adb298388d';

const isSecret = (value: unknown) =>
  value !== null && typeof value === 'object' && secretSignature in (value as Record<string, unknown>);

function revealSecrets(value: unknown, hide: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => revealSecrets(v, hide));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (isSecret(record)) return hide ? '[secret]' : revealSecrets(record.value, hide);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, revealSecrets(v, hide)]));
}

function environmentOf(environment: unknown): FunctionEnvironment {
  const raw = ((environment as { variables?: unknown } | undefined)?.variables ?? {}) as Record<
    string,
    unknown
  >;
  const variables = revealSecrets(raw, false) as Record<string, unknown>;
  const bytes = Object.entries(variables).reduce(
    (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(String(v ?? '')),
    0,
  );
  const secretVariables = Object.keys(raw).filter((k) =>
    JSON.stringify(raw[k] ?? null).includes(secretSignature),
  );
  return { bytes, secretVariables: secretVariables.sort() };
}

/** Canned answers for the provider functions the components call. */
function providerCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getRegion:getRegion':
      return { id: synthRegion, name: synthRegion, region: synthRegion };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return {
        id: synthAccount,
        accountId: synthAccount,
        arn: `arn:aws:iam::${synthAccount}:user/ci`,
        userId: 'ci',
      };
    case 'aws:index/getPartition:getPartition':
      return { id: 'aws', partition: 'aws', dnsSuffix: 'amazonaws.com' };
    case 'aws:iam/getPolicyDocument:getPolicyDocument':
      return {
        id: 'policy',
        statements: inputs.statements,
        json: renderPolicyDocument(inputs.statements as never),
      };
    default:
      throw new Error(`synth: no canned answer for provider call ${token}`);
  }
}

/** How each service writes a resource's name into its ARN, so the IAM check can read the mocked ARNs. */
const arnResource: Record<string, (name: string) => string> = {
  'aws:dynamodb/table:Table': (name) => `table/${name}`,
  'aws:cloudwatch/eventBus:EventBus': (name) => `event-bus/${name}`,
  'aws:cloudwatch/eventRule:EventRule': (name) => `rule/${name}`,
  'aws:lambda/function:Function': (name) => `function:${name}`,
};

export const arnOf = (type: string, name: string) => {
  const module = type.split(':')[1]?.split('/')[0] ?? 'unknown';
  // EventBridge's resources live in the provider's cloudwatch module.
  const service = type.startsWith('aws:cloudwatch/event') ? 'events' : module;
  if (type === 'aws:iam/role:Role') return `arn:aws:iam::${synthAccount}:role/${name}`;
  return `arn:aws:${service}:${synthRegion}:${synthAccount}:${arnResource[type]?.(name) ?? name}`;
};

/**
 * Mocked registrations finish asynchronously, some only after a handler bundle is built and zipped: wait
 * until no build is pending and no new resource has appeared for a second and a half (a loaded CI machine
 * can pause that long between two registrations).
 */
async function settle(count: () => number, pendingBuilds: () => number) {
  let last = -1;
  let stable = 0;
  while (stable < 15) {
    await new Promise((r) => setTimeout(r, 100));
    stable = count() === last && pendingBuilds() === 0 ? stable + 1 : 0;
    last = count();
  }
}

/** The sst CLI's RPC methods the components call, answered locally. */
async function startRpcServer(work: string, bundles: SynthResult['bundles']) {
  let pending = 0;
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const { method, params, id } = JSON.parse(body) as {
      method: string;
      params: Array<Record<string, unknown>>;
      id: unknown;
    };
    const reply = (result: unknown, error: string | null = null) =>
      // One request per connection: the components' client keeps sockets alive (Node's default agent), and a
      // reused socket that this server's keep-alive timer is closing at that moment fails with ECONNRESET.
      res
        .writeHead(200, { 'content-type': 'application/json', connection: 'close' })
        .end(JSON.stringify({ id, result, error }));
    try {
      const input = params[0] ?? {};
      if (method === 'Provider.Aws.Bootstrap') {
        return reply({
          asset: 'sst-asset-bucket',
          assetEcrRegistryId: synthAccount,
          assetEcrUrl: 'ecr.example/sst',
          state: 'sst-state',
        });
      }
      if (method === 'Runtime.Build') {
        const [file, exportName] = splitHandler(String(input.handler));
        // Beside the function's artifact directory, as the sst CLI builds: the component zips the bundle into
        // artifacts/<function>/code.zip, and a bundle inside that directory would be archived with the zip
        // it is being written into, which never ends.
        const outDir = join(work, 'artifacts', `${String(input.functionID)}-src`);
        pending++;
        const bundle = await bundleHandler(join(repoRoot, `${file}.ts`), outDir).finally(() => pending--);
        bundles[String(input.functionID)] = {
          handler: String(input.handler),
          bytes: bundle.bytes,
          inputs: bundle.inputs.map((path) => resolve(path)),
          // What SST would encrypt into the bundle's resource.enc (names only: values stay out of here).
          links: Object.keys((input.links ?? {}) as Record<string, unknown>).sort(),
        };
        return reply({ handler: `index.${exportName}`, out: outDir, errors: [], sourcemaps: [] });
      }
      return reply(null, `rpc: can't find method ${method}`);
    } catch (error) {
      return reply(null, (error as Error).message);
    }
  });
  // A bundle can take minutes on a loaded machine; Node's default 5-minute request timeout would reset
  // the connection of a build still running and leave the synthesis waiting on it forever.
  server.requestTimeout = 0;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pendingBuilds: () => pending,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const splitHandler = (handler: string): [string, string] => {
  const dot = handler.lastIndexOf('.');
  return [handler.slice(0, dot), handler.slice(dot + 1)];
};
