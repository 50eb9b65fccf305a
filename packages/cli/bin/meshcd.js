#!/usr/bin/env node
// The CLI runs from TypeScript sources through tsx, so `npx meshcd` works right after `npm ci`
// with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
