// Loaded by the entry (usage errors with --output json): no dependency beyond Node.

/** The JSON document every command prints with `--output json` when it cannot do its job. */
export interface FailureReport {
  status: 'error';
  error: { phase: string; reason: string; retryable: boolean; message: string };
}

/** What a MeshcdError (or a CommandLineError) says of itself; read by shape so the entry needs no core import. */
interface Classified {
  phase: string;
  reason: string;
  retryable?: boolean;
}
export const classified = (error: unknown): Classified | undefined =>
  error instanceof Error && typeof (error as Partial<Classified>).phase === 'string'
    ? (error as Error & Classified)
    : undefined;

export function failureReport(error: unknown): FailureReport {
  const e = classified(error);
  return {
    status: 'error',
    error: {
      phase: e?.phase ?? 'unknown',
      reason: e?.reason ?? 'error',
      retryable: e?.retryable ?? false,
      message: error instanceof Error ? error.message : String(error),
    },
  };
}

/** Why the command line itself could not do what was asked, before any step of the data flow ran. */
export type UsageReason =
  | 'bad-arguments'
  | 'not-a-directory'
  | 'no-manifests'
  | 'no-local-world'
  | 'bad-config'
  /** The command asked for another provider than the world's target reconciles into. */
  | 'provider-mismatch'
  | 'bad-plan'
  /** `apply --plan`: the world changed since the plan was made. */
  | 'stale-plan'
  /** `apply` on a terminal: the answer to the confirmation was not yes. */
  | 'cancelled'
  | 'cannot-write'
  /** `local up --port-base`: a port of the range is taken by another program. */
  | 'port-in-use';

/** A failure of the command line itself (arguments, directories, files, the config file): never retryable. */
export class CommandLineError extends Error {
  readonly phase = 'usage';
  readonly retryable = false;
  constructor(
    readonly reason: UsageReason,
    message: string,
  ) {
    super(message);
    this.name = 'CommandLineError';
  }
}
