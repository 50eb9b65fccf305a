import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { directImports, readExportMap, rewriteBarrelImports } from '../../scripts/bundle/direct-imports.ts';

const index = '/pkg/src/index.ts';
const exportMap = new Map([
  ['plan', { file: '/pkg/src/plan/plan.ts', name: 'plan' }],
  ['render', { file: '/pkg/src/render.ts', name: 'renderText' }],
  ['apply', { file: '/pkg/src/plan/plan.ts', name: 'apply' }],
]);
const locate = (specifier: string) => (specifier === '@meshcd/pkg' ? index : undefined);
const rewrite = (source: string) => rewriteBarrelImports(source, locate, () => exportMap);

describe('direct imports', () => {
  it('imports each name from the file that defines it, keeping every line where it was', () => {
    const source = [
      'import {',
      '  apply,',
      '  type Plan,',
      '  plan as makePlan,',
      '  render,',
      "} from '@meshcd/pkg';",
      'export const x = makePlan(apply, render);',
    ].join('\n');
    const out = rewrite(source)!;
    expect(out.split('\n')).toHaveLength(7);
    expect(out.split('\n')[6]).toBe('export const x = makePlan(apply, render);');
    expect(out.split('\n')[0]).toBe(
      'import { apply, plan as makePlan } from "/pkg/src/plan/plan.ts"; import { renderText as render } from "/pkg/src/render.ts";',
    );
  });

  it('leaves names the index does not re-export on the index, and other packages and type imports alone', () => {
    expect(rewrite("import { plan, unknown } from '@meshcd/pkg';")).toBe(
      'import { plan } from "/pkg/src/plan/plan.ts"; import { unknown } from \'@meshcd/pkg\';',
    );
    expect(rewrite("import { plan } from '@meshcd/other';\nimport type { Plan } from '@meshcd/pkg';")).toBe(
      undefined,
    );
  });

  it('reads the value re-exports of an index, aliases included and types left out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'direct-imports-'));
    try {
      await writeFile(
        join(dir, 'index.ts'),
        "export { a, type B, c as d } from './one.ts';\nexport type { E } from './two.ts';\nexport {\n  f,\n} from './sub/three.ts';\n",
      );
      expect(Object.fromEntries(readExportMap(join(dir, 'index.ts')))).toEqual({
        a: { file: join(dir, 'one.ts'), name: 'a' },
        d: { file: join(dir, 'one.ts'), name: 'c' },
        f: { file: join(dir, 'sub', 'three.ts'), name: 'f' },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps what one lazily loaded module uses out of the chunk another one loads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'direct-imports-'));
    try {
      const files: Record<string, string> = {
        'pkg/package.json':
          '{ "name": "@meshcd/pkg", "sideEffects": false, "exports": { ".": "./index.ts" } }',
        'pkg/index.ts': "export { small } from './small.ts';\nexport { large } from './large.ts';\n",
        'pkg/small.ts': "export const small = () => 'small';\n",
        'pkg/large.ts': "export const large = () => 'LARGE'.repeat(2);\n",
        'a.ts': "import { small } from '@meshcd/pkg';\nexport const a = () => small();\n",
        'b.ts': "import { large, small } from '@meshcd/pkg';\nexport const b = () => large() + small();\n",
        'main.ts':
          "export const run = async () => [(await import('./a.ts')).a(), (await import('./b.ts')).b()];\n",
      };
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(dir, path, '..'), { recursive: true });
        await writeFile(join(dir, path), content);
      }
      const closureOfA = async (plugins: ReturnType<typeof directImports>[]) => {
        const result = await build({
          entryPoints: [join(dir, 'main.ts')],
          bundle: true,
          splitting: true,
          format: 'esm',
          outdir: join(dir, 'out'),
          write: false,
          metafile: true,
          alias: { '@meshcd/pkg': join(dir, 'pkg', 'index.ts') },
          plugins,
          logLevel: 'silent',
        });
        const outputs = result.metafile.outputs;
        const a = Object.keys(outputs).find((o) => outputs[o]!.entryPoint?.endsWith('a.ts'))!;
        const loaded = [a, ...outputs[a]!.imports.map((i) => i.path)];
        return loaded.flatMap((o) => Object.keys(outputs[o]?.inputs ?? {}));
      };
      // Without the plugin, esbuild puts large.ts in the chunk a.ts loads: the index reaches it.
      expect((await closureOfA([])).some((i) => i.endsWith('large.ts'))).toBe(true);
      const direct = await closureOfA([
        directImports((s) => (s === '@meshcd/pkg' ? join(dir, 'pkg', 'index.ts') : undefined)),
      ]);
      expect(direct.some((i) => i.endsWith('small.ts'))).toBe(true);
      expect(direct.some((i) => i.endsWith('large.ts'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
