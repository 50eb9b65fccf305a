import { createInterface } from 'node:readline/promises';

/**
 * Whether apply asks before writing: only when a person is at a terminal (stdin and stdout both TTYs) and
 * neither `--yes` nor a saved plan (reviewed already) says to go ahead. Scripts, CI and pipes never see a
 * prompt, and behave as they always have.
 */
export const needsConfirmation = (options: { yes?: boolean; plan?: string }): boolean =>
  options.yes !== true &&
  options.plan === undefined &&
  process.stdin.isTTY === true &&
  process.stdout.isTTY === true;

/** Asks on the terminal; only the answer `yes` goes ahead, as with terraform. */
export async function confirmApply(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      `${question}\n  Only 'yes' will be accepted to approve.\n\n  Enter a value: `,
    );
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
