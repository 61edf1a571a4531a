import { defineConfig, devices } from '@playwright/test';
import {
  APP_PORT,
  APP_URL,
  DEV_PORT,
  DEV_URL,
  E2E_API_KEY,
  E2E_OUT_DIR,
  SIM_PORT,
  SIMULATOR_URL,
} from './e2e/env';
import { findChromium } from './scripts/browser';

/** The suite runs the real thing (decision 0006): the simulator as its own process and the
 *  production server serving the build, pointed at it; one smoke journey on the dev server. Ports
 *  are the suite's own, so a developer's `npm start` on 5173 is left alone. */
const browser = findChromium();

/** The dashboard's environment: the suite's simulator, never a key from the developer's shell. */
const dashboardEnv = {
  HOST: '127.0.0.1',
  SIMULATOR_URL,
  SIMULATOR_API_KEY: E2E_API_KEY,
  // A stray key in the developer's shell must not send the suite to the real API.
  NANONETS_API_KEY: '',
};

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath:
      browser.kind === 'env' || browser.kind === 'system' ? browser.executablePath : undefined,
    args: ['--disable-gpu', '--disable-sync', '--disable-quic'],
  },
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // One simulator is shared by the suite and reset before every test: one worker.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  // Per port, like the build: runs on other ports must not wipe each other's results.
  outputDir: `test-results/${APP_PORT}`,
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: `playwright-report/${APP_PORT}` }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'production',
      testIgnore: /dev-smoke\.spec\.ts$/,
      use: { ...chromium, baseURL: APP_URL },
    },
    {
      name: 'dev-server',
      testMatch: /dev-smoke\.spec\.ts$/,
      use: { ...chromium, baseURL: DEV_URL },
    },
  ],
  webServer: [
    {
      command: `npx tsx server/simulator/cli.ts --port ${SIM_PORT} --api-key ${E2E_API_KEY} --time-scale 20 --long-trace-steps 10000 --seed 42 --quiet`,
      url: `${SIMULATOR_URL}/__sim/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Built here rather than by a separate step, so `npx playwright test` never serves a stale
      // bundle; into a directory of its own, so a developer's `dist/` is left alone.
      command: `npx vite build --logLevel warn --outDir ${E2E_OUT_DIR} --emptyOutDir && npx tsx server/app/main.ts`,
      url: `${APP_URL}/readyz`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: { ...dashboardEnv, PORT: String(APP_PORT), CONSOLE_DIST_DIR: E2E_OUT_DIR },
    },
    {
      command: 'npx vite',
      url: `${DEV_URL}/__console/backend`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...dashboardEnv, PORT: String(DEV_PORT) },
    },
  ],
});
