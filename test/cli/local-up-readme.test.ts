import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localPortNames } from '../../packages/cli/src/local/local-ports.ts';
import { localRepository } from '../../packages/cli/src/local/start-local-system.ts';
import { localTarget } from '../../packages/cli/src/world/open-local-world.ts';

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
});
