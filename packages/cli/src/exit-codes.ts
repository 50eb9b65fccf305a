/** Exit codes shared by every command, as DESIGN.md fixes them. */
export const ExitCode = {
  ok: 0,
  error: 1,
  /** `plan`: changes pending; `drift`: drift found. */
  changes: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
