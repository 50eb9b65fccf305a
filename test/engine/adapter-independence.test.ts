import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
/** The provider adapters: each talks to one service and shares only core and the AWS call helpers. */
const providers = ['appmesh', 'lattice'];

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('provider adapters', () => {
  it('never depend on or import another provider', () => {
    const found: string[] = [];
    for (const provider of providers) {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', provider, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
      };
      for (const other of providers.filter((p) => p !== provider)) {
        if (pkg.dependencies?.[`@meshcd/${other}`])
          found.push(`packages/${provider}/package.json: @meshcd/${other}`);
        for (const file of sources(join(root, 'packages', provider, 'src')))
          if (readFileSync(file, 'utf8').includes(`'@meshcd/${other}'`))
            found.push(`${file.slice(root.length + 1)}: @meshcd/${other}`);
      }
    }
    expect(found).toEqual([]);
  });
});
