import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type BundledHandler, bundleHandler } from '../infra/bundle-handler.ts';
import { startupClosure } from '../infra/startup-closure.ts';
import { repoRoot } from '../infra/synth-app.ts';
import type { Benchmark } from './benchmark.ts';
import { median, ratio } from './ratios.ts';

const run = promisify(execFile);
const samples = 7;

/** An EventBridge event no function acts on: the invocation runs the whole stack but calls no AWS API. */
const ignoredEvent = {
  version: '0',
  id: 'bench',
  'detail-type': 'Bench Event',
  source: 'meshcd.bench',
  account: '111111111111',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: {},
};

/** A webhook without a signature: refused with 401 after the size and signature checks, before any write. */
const unsignedWebhook = {
  version: '2.0',
  rawPath: '/',
  rawQueryString: '',
  headers: { 'content-type': 'application/json', 'x-github-event': 'push' },
  body: '{}',
  isBase64Encoded: false,
  requestContext: { http: { method: 'POST', path: '/' } },
};

const handlers: Record<string, unknown> = {
  'ingest-webhook': unsignedWebhook,
  reconcile: ignoredEvent,
  'cluster-event': ignoredEvent,
  'detect-drift': ignoredEvent,
};

/**
 * A cold start as Lambda has it: a fresh Node process imports the bundle and runs one invocation. The
 * process reports how long after its own start the import and the invocation ended (Node's start-up is
 * in every sample alike, the baseline's too).
 */
const coldStartScript = (file: string, event: unknown) => `
const started = performance.now();
const { handler } = await import(${JSON.stringify(pathToFileURL(file).href)});
const imported = performance.now();
const context = {
  functionName: 'bench', functionVersion: '$LATEST', memoryLimitInMB: '1024', awsRequestId: 'bench',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:111111111111:function:bench', logGroupName: 'bench',
  logStreamName: 'bench', callbackWaitsForEmptyEventLoop: false, getRemainingTimeInMillis: () => 900000,
};
await handler(${JSON.stringify(event)}, context);
const invoked = performance.now();
process.stderr.write('@@cold ' + JSON.stringify({ started, imported, invoked }) + '\\n');
`;

/** What the function's configuration gives it (infra/function-defaults.ts), with no endpoint reachable. */
const functionEnv = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  MESHCD_TABLE: 'bench',
  MESHCD_BUS: 'bench',
  MESHCD_TARGETS: '[]',
  MESHCD_GITHUB_WEBHOOK_SECRET: 'bench',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_TRACE_ENABLED: 'false',
};

interface ColdStart {
  /** From the process's start to the end of the first invocation. */
  processMs: number;
  /** Import of the bundle plus the first invocation: what the function adds to a bare runtime. */
  initMs: number;
  importMs: number;
  invokeMs: number;
}

async function coldStart(file: string, event: unknown): Promise<ColdStart> {
  const { stderr } = await run(
    process.execPath,
    ['--input-type=module', '-e', coldStartScript(file, event)],
    {
      env: functionEnv,
      maxBuffer: 16 * 2 ** 20,
    },
  );
  const line = stderr.split('\n').find((l) => l.startsWith('@@cold '));
  if (!line) throw new Error(`the cold start printed no timing:\n${stderr}`);
  const t = JSON.parse(line.slice('@@cold '.length)) as {
    started: number;
    imported: number;
    invoked: number;
  };
  return {
    processMs: t.invoked,
    initMs: t.invoked - t.started,
    importMs: t.imported - t.started,
    invokeMs: t.invoked - t.imported,
  };
}

const sizes = (bundle: BundledHandler) => {
  const startup = startupClosure(bundle.metafile, 'index.mjs');
  return {
    entryBytes: bundle.bytes,
    startupBytes: startup.bytes,
    totalBytes: bundle.totalBytes,
    gzipStartupBytes: startup.outputs.reduce(
      (n, f) => n + gzipSync(readFileSync(join(bundle.file, '..', f))).byteLength,
      0,
    ),
    files: Object.keys(bundle.files).length,
  };
};

/**
 * Each function bundled as SST does with infra/function-defaults.ts (minified, split, source maps
 * beside): sizes of what a cold start loads and of the whole bundle, and cold starts measured in pairs
 * against an empty handler bundled the same way, so the ratio holds on a loaded machine.
 */
const bench: Benchmark = {
  name: 'handlers',
  async run() {
    const work = await mkdtemp(join(tmpdir(), 'meshcd-handlers-'));
    try {
      const emptyEntry = join(work, 'empty.ts');
      await writeFile(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
      const empty = await bundleHandler(emptyEntry, join(work, 'empty'));
      const results: Record<string, unknown> = {};
      for (const [name, event] of Object.entries(handlers)) {
        const bundle = await bundleHandler(join(repoRoot, 'functions', `${name}.ts`), join(work, name));
        const cold: ColdStart[] = [];
        const baseline: ColdStart[] = [];
        await coldStart(bundle.file, event); // warm the file cache, as a deployed function's image is
        for (let i = 0; i < samples; i++) {
          cold.push(await coldStart(bundle.file, event));
          baseline.push(await coldStart(empty.file, event));
        }
        results[name] = {
          ...sizes(bundle),
          initMs: median(cold.map((c) => c.initMs)),
          importMs: median(cold.map((c) => c.importMs)),
          invokeMs: median(cold.map((c) => c.invokeMs)),
          processMs: median(cold.map((c) => c.processMs)),
          emptyProcessMs: median(baseline.map((c) => c.processMs)),
          processRatioToEmpty: ratio(
            cold.map((c) => c.processMs),
            baseline.map((c) => c.processMs),
          ),
        };
      }
      return { node: process.version, samples, handlers: results };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
};

export default bench;
