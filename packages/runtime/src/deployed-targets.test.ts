import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { defaultTargetPolicy, type Target } from '@meshcd/core';
import { createDynamoStateStore, MemoryStateStore, targetRecord } from '@meshcd/state';
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

  it('serves the other targets when one record is bad, and reports that one by id and field', async () => {
    const state = new MemoryStateStore();
    await state.putTarget(target('a'));
    await state.putTarget({ ...target('bad'), accountId: 'not-an-account' });
    await state.putTarget(target('c'));
    const reported: Error[] = [];
    const targets = deployedTargets(undefined, state, { onInvalid: (e) => reported.push(e) });
    expect((await targets()).map((t) => t.id)).toEqual(['a', 'c']);
    expect(reported).toEqual([
      expect.objectContaining({
        phase: 'config',
        retryable: false,
        message: expect.stringMatching(/target bad field accountId: /),
      }),
    ]);
  });

  it('uses the targets of the environment as they are (local mode)', async () => {
    const state = new MemoryStateStore();
    await state.putTarget(target('table'));
    expect((await deployedTargets([target('env')], state)()).map((t) => t.id)).toEqual(['env']);
  });
});

describe('deployedTargets over the DynamoDB store', () => {
  it('reports a stored record whose data is not JSON by target id and serves the others', async () => {
    const items = [
      targetRecord(target('a')),
      { ...targetRecord(target('broken')), data: '{"id":"broken",' },
      targetRecord(target('c')),
    ];
    // A document client answering the byKind query with the stored items.
    const client = { send: async () => ({ Items: items }) } as unknown as DynamoDBDocumentClient;
    const state = createDynamoStateStore({ client, tableName: 'meshcd' });
    const reported: Error[] = [];
    const targets = deployedTargets(undefined, state, { onInvalid: (e) => reported.push(e) });
    expect((await targets()).map((t) => t.id)).toEqual(['a', 'c']);
    expect(reported).toEqual([
      expect.objectContaining({
        name: 'ConfigError',
        phase: 'config',
        retryable: false,
        message: expect.stringMatching(/target broken: data is not JSON/),
      }),
    ]);
  });
});
