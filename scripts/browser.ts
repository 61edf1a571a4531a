/** Finds a Chromium for Playwright: `CHROMIUM_PATH`, Debian's `/usr/bin/chromium`, then
 *  Playwright's own download. */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

export type BrowserChoice =
  | { kind: 'env' | 'system'; executablePath: string }
  | { kind: 'playwright'; executablePath: undefined }
  | { kind: 'none' };

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export function findChromium(env: NodeJS.ProcessEnv = process.env): BrowserChoice {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return { kind: 'env', executablePath: fromEnv };
  if (existsSync(SYSTEM_CHROMIUM)) return { kind: 'system', executablePath: SYSTEM_CHROMIUM };
  if (playwrightBrowserInstalled()) return { kind: 'playwright', executablePath: undefined };
  return { kind: 'none' };
}

function playwrightBrowserInstalled(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}
