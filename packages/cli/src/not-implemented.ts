import { ExitCode } from './exit-codes.ts';

/** A command whose capability has not landed yet: it says so and fails, never pretends. */
export function notImplemented(command: string): ExitCode {
  process.stderr.write(`meshcd ${command}: not yet implemented\n`);
  return ExitCode.error;
}
