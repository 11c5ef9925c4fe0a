// Finds Debian's chromium on the PATH (CI installs it with apt). Browsers are never downloaded.
// Under CI a missing chromium is a failure, never a skip; elsewhere the browser tests skip with a
// message saying what to install.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CI = process.env.CI === 'true' || process.env.CI === '1';

export function findChromium(): string | null {
  const given = process.env.CHROMIUM_PATH;
  if (given && existsSync(given)) return given;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return null;
}

export const chromiumPath = findChromium();

/** true when these tests must be skipped (not CI, no chromium); under CI this is always false */
export const skipBrowser = chromiumPath === null && !CI;
if (skipBrowser) console.warn('[e2e] chromium not found on PATH: browser tests skipped (apt-get install -y chromium)');

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('chromium not found on PATH: install it with `apt-get install -y chromium` (browser tests never download browsers)');
  return chromium.launch({
    executablePath: chromiumPath,
    // the app turns antd's animations off for a user who prefers reduced motion: a click never
    // lands on a dialog or popover still zooming in (the cause of lost clicks under load)
    args: ['--force-prefers-reduced-motion', '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
