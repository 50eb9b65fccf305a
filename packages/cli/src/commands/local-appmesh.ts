import type { Command } from 'commander';
import { type CommandContext, exitWith } from '../command-context.ts';
import { notImplemented } from '../not-implemented.ts';
import { stateOption } from '../options.ts';

export function registerLocalAppMesh(local: Command, ctx: CommandContext): void {
  local
    .command('appmesh')
    .description('run the App Mesh API emulator alone')
    .requiredOption('--port <n>', 'port to listen on', Number)
    .addOption(stateOption())
    .action(exitWith(ctx, () => notImplemented('local appmesh')));
}
