export { ExitCode } from './exit-codes.ts';
export { buildProgram, main } from './main.ts';
