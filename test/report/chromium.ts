import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package. Its absence fails the suite instead of skipping it. */
export const chromiumPath = process.env.MESHCD_CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  if (existsSync(chromiumPath)) return true;
  throw new Error(`headless Chromium is missing at ${chromiumPath} (apt-get install -y chromium)`);
}

/** Screenshots stay for a person to look at (git-ignored). */
export const screenshotDir = join(import.meta.dirname, '..', '..', '.meshcd', 'report-screenshots');

/** The width the report must read well at. */
export const pageWidth = 1400;

/** A headless Chromium with nothing reaching outside, at the report's reading width. */
export async function openChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'meshcd-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: pageWidth, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
