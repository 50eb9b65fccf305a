import { MeshcdError } from '../errors/meshcd-error.ts';
import { type Diagnostic, formatDiagnostic, isError } from './diagnostic.ts';

/**
 * Thrown when a manifest set cannot become a desired state. Invalid manifests are terminal: retrying the
 * same revision gives the same answer, so callers report instead of retrying.
 */
export class ManifestError extends MeshcdError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: readonly Diagnostic[], options: { cause?: unknown } = {}) {
    const errors = diagnostics.filter(isError);
    super({
      phase: 'manifests',
      reason: 'InvalidManifests',
      message: `${errors.length} manifest error(s)${errors[0] ? `; first: ${formatDiagnostic(errors[0])}` : ''}`,
      retryable: false,
      cause: options.cause,
    });
    this.name = 'ManifestError';
    this.diagnostics = diagnostics;
  }
}
