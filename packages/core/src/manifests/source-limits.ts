/**
 * How much a manifest tree may hold, wherever it comes from (a git revision or a directory): checked before
 * anything is parsed, so a runaway file or tree is refused instead of exhausting memory.
 */
export interface SourceLimits {
  /** Most manifest files a tree may hold. */
  maxFiles: number;
  /** Most bytes the manifest files may add up to. */
  maxBytes: number;
}

export const defaultSourceLimits: SourceLimits = { maxFiles: 2_000, maxBytes: 20 * 1024 * 1024 };
