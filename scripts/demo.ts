/**
 * `npm run demo`: the meshcd story on the local stack, step by step. Each capability adds its chapter.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startLocalStack } from '@meshcd/emulators';

const step = (n: number, text: string) => process.stdout.write(`\n[${n}] ${text}\n`);
const shared = join(import.meta.dirname, '..', '..', 'shared');

step(1, 'Starting the local stack (DynamoDB, git server) on free loopback ports');
const stack = await startLocalStack();
try {
  process.stdout.write(`${JSON.stringify(stack.endpoints)}\n`);

  step(2, 'Pushing a real App Mesh manifest set to the local git server');
  const manifest = await readFile(
    join(shared, 'corpus/howto-k8s-http-headers/v1beta2-manifest.yaml'),
    'utf8',
  );
  await stack.git.createRepo('mesh-config');
  const sha = await stack.git.commit('mesh-config', {
    files: { 'mesh/howto-k8s-http-headers.yaml': manifest },
    message: 'Add the http-headers walkthrough',
  });
  process.stdout.write(`pushed ${sha.slice(0, 12)} to ${stack.git.url}/mesh-config.git\n`);
} finally {
  step(3, 'Stopping the local stack');
  await stack.close();
}
