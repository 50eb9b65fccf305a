import { compareDiagnostics, type Diagnostic, isError } from '../diagnostics/diagnostic.ts';
import { loadManifests, type ManifestFile } from '../manifests/load-manifests.ts';
import { type ResolveOptions, type ResolveResult, resolveDesiredState } from './resolve-desired-state.ts';

/**
 * Loads and resolves a manifest tree in one step: parse errors and resolution errors are reported together, and
 * a tree with any error yields no desired state.
 */
export function validateManifests(
  files: readonly ManifestFile[],
  options: ResolveOptions = {},
): ResolveResult {
  const loaded = loadManifests(files);
  const result = resolveDesiredState(loaded.objects, options);
  const all: Diagnostic[] = [
    ...loaded.diagnostics,
    ...(result.ok ? result.warnings : result.diagnostics),
  ].sort(compareDiagnostics);
  if (!result.ok || all.some(isError)) return { ok: false, diagnostics: all };
  return { ok: true, desired: result.desired, warnings: all };
}
