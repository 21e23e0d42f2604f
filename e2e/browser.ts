import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, headless (TOOLCHAIN.md: never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PAYLINK_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}
