import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPortNames } from '../../packages/cli/src/local/local-ports.ts';
import { localRepository } from '../../packages/cli/src/local/start-local-system.ts';
import { localTarget } from '../../packages/cli/src/world/open-local-world.ts';
import { builtinResourceTypes } from '../../packages/emulators/src/kube/resource-types.ts';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

/** What the README promises about `local up` is what it does. */
describe('README on local up', () => {
  it('lists the --port-base order the command uses', () => {
    const order = /puts the servers\s+on consecutive ports instead, in this order: ([^;.]+);/.exec(
      readme,
    )?.[1];
    expect(order, 'the port order paragraph').toBeDefined();
    const names = [...order!.matchAll(/`(\w+)`\s+n(?:\+(\d+))?/g)].map((m) => [m[1], Number(m[2] ?? 0)]);
    expect(names).toEqual(localPortNames.map((name, i) => [name, i]));
  });

  it('names the branch, path and repository the local target tracks', () => {
    const { source } = localTarget();
    expect(readme).toContain(
      `The local target tracks branch \`${source.branch}\` of \`repository\` (\`<git>/${localRepository}\`) and reads the manifests from\nthe repository root (path \`${source.path}\`).`,
    );
  });

  it('states which kinds the emulated cluster serves, exactly the ones it does', () => {
    const listed = /It serves ([^.]+)\./.exec(readme.replace(/\s+/g, ' '))?.[1];
    expect(listed, 'the served kinds sentence').toBeDefined();
    const kinds = listed!.split(/, | and /).map((plural) => plural.trim());
    const plural = (kind: string) => (kind.endsWith('s') ? `${kind}es` : `${kind}s`);
    expect(kinds.sort()).toEqual(builtinResourceTypes.map((t) => plural(t.kind)).sort());
  });
});
