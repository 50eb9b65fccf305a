/**
 * Turns an AWS service model (service-2.json under shared/) into the TypeScript tables an emulator validates
 * and routes with. Documentation strings are dropped: the tables carry only what changes behaviour.
 *
 *   npx tsx packages/emulators/scripts/generate-model.ts <appmesh|lattice|cloudmap> [service-2.json] [out.ts]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RawModel, render } from './model-tables.ts';
import { type ModelTarget, modelTargets } from './model-targets.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const name = process.argv[2] ?? '';
const target: ModelTarget | undefined = modelTargets[name as keyof typeof modelTargets];
if (!target) {
  process.stderr.write(
    `usage: generate-model.ts <${Object.keys(modelTargets).join('|')}> [service-2.json] [out.ts]\n`,
  );
  process.exit(1);
}
const source = process.argv[3] ?? resolve(repoRoot, '../shared', target.service, 'service-2.json');
const out = process.argv[4] ?? resolve(here, '..', target.out);

const model = JSON.parse(readFileSync(source, 'utf8')) as RawModel;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, render(model, { service: target.service, typesImport: target.typesImport }));
process.stdout.write(
  `wrote ${Object.keys(model.operations).length} operations and ${Object.keys(model.shapes).length} shapes to ${out}\n`,
);
