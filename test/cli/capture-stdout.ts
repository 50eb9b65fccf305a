import { vi } from 'vitest';

/**
 * Captures what a command run in-process writes to stdout: every chunk in `lines`, and the first one as a
 * promise (the endpoint line a `meshcd local …` command prints once it listens). Restore with vi.restoreAllMocks.
 */
export function captureStdout(): { lines: string[]; first: Promise<string> } {
  const lines: string[] = [];
  const first = new Promise<string>((resolve) => {
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      resolve(String(chunk));
      return true;
    });
  });
  return { lines, first };
}
