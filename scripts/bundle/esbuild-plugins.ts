/**
 * The esbuild plugins SST bundles each function with (`nodejs.plugins` in infra/function-defaults.ts): the
 * same ones the command line's build and the handler benchmark use, so what is measured is what ships.
 */
import { directImports } from './direct-imports.ts';

export default [directImports()];
