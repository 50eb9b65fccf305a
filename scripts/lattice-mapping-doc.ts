/** Writes docs/lattice-mapping.md from the mapping table; a test fails when the committed file disagrees. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMappingDoc } from '@meshcd/cli';

const file = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'lattice-mapping.md');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, renderMappingDoc());
process.stdout.write(`wrote ${file}\n`);
