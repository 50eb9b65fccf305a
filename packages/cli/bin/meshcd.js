#!/usr/bin/env node
// Runs the bundle that `npm ci` built from packages/cli/src (the root `prepare` script); `npm run build`
// rebuilds it after a source change. Node's compile cache keeps the compiled bundle between runs.
import module from 'node:module';

module.enableCompileCache?.();
try {
  await import('../dist/meshcd.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/meshcd.js'))
    throw error;
  process.stderr.write('meshcd: not built yet; run `npm run build` in the repository\n');
  process.exitCode = 1;
}
