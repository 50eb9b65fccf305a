/**
 * Turns the App Mesh service model (service-2.json) into the TypeScript tables the emulator validates
 * and routes with. Documentation strings are dropped: the tables carry only what changes behaviour.
 *
 *   npx tsx packages/emulators/scripts/generate-appmesh-model.ts [service-2.json] [out.ts]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RawModel, render } from './appmesh-model-tables.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const source = process.argv[2] ?? resolve(repoRoot, '../shared/appmesh/service-2.json');
const target = process.argv[3] ?? resolve(here, '../src/appmesh/model.generated.ts');

const model = JSON.parse(readFileSync(source, 'utf8')) as RawModel;
writeFileSync(target, render(model));
process.stdout.write(
  `wrote ${Object.keys(model.operations).length} operations and ${Object.keys(model.shapes).length} shapes to ${target}\n`,
);
