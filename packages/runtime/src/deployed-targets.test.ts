import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { MemoryStateStore } from '@meshcd/state';
import { describe, expect, it } from 'vitest';
import { deployedTargets } from './deployed-targets.ts';

const target = (id: string): Target => ({
  id,
  source: { repository: 'https://github.com/org/mesh.git', branch: 'main', path: '.' },
  accountId: '111122223333',
  region: 'eu-west-1',
  policy: { ...defaultTargetPolicy },
});

describe('deployedTargets', () => {
  it('reads the target records deploy wrote into the table, and again once they may have changed', async () => {
    const state = new MemoryStateStore();
    await state.putTarget(target('a'));
    let now = 0;
    const targets = deployedTargets(undefined, state, { now: () => now });
    expect((await targets()).map((t) => t.id)).toEqual(['a']);
    await state.putTarget(target('b'));
    expect((await targets()).map((t) => t.id)).toEqual(['a']);
    now = 60_000;
    expect((await targets()).map((t) => t.id)).toEqual(['a', 'b']);
  });

  it('refuses a record the target schema refuses, naming the target and field', async () => {
    const state = new MemoryStateStore();
    await state.putTarget({ ...target('bad'), region: 'nowhere' });
    await expect(deployedTargets(undefined, state)()).rejects.toMatchObject({
      phase: 'config',
      retryable: false,
      message: expect.stringMatching(/target bad field region: an AWS region/),
    });
  });

  it('uses the targets of the environment as they are (local mode)', async () => {
    const state = new MemoryStateStore();
    await state.putTarget(target('table'));
    expect((await deployedTargets([target('env')], state)()).map((t) => t.id)).toEqual(['env']);
  });
});
