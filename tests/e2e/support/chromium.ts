import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: Playwright's own browser download fails on these machines
 * (design.md §8), and `npm run setup` installs `chromium` and `fonts-noto-cjk` instead.
 */
export const chromiumPath = '/usr/bin/chromium';

/** Flags for a quiet, repeatable headless run: no sandbox (containers, root), no GPU, no background traffic. */
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches Chromium; a missing browser fails the run with the fix, never skips it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: run \`npm run setup\` (it installs Debian's chromium and fonts-noto-cjk). ` +
        `未找到 Chromium：请先运行 npm run setup。`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args });
}
