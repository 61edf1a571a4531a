import { defineConfig, devices } from '@playwright/test';
import { APP_PORT, APP_URL, E2E_API_KEY, SIM_PORT, SIMULATOR_URL } from './e2e/env';
import { findChromium } from './scripts/browser';

/**
 * The suite runs the real thing: the simulator as its own process and the dashboard's dev server
 * (with its proxy) pointed at it, exactly as `npm start` would run them, on ports of their own so
 * a developer's `npm start` on 5173 is left alone.
 */
const simulatorUrl = SIMULATOR_URL;
const browser = findChromium();

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  // One simulator is shared by the suite and reset before every test: one worker.
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath:
            browser.kind === 'env' || browser.kind === 'system'
              ? browser.executablePath
              : undefined,
          args: ['--disable-gpu', '--disable-sync', '--disable-quic'],
        },
      },
    },
  ],
  webServer: [
    {
      command: `npx tsx server/simulator/cli.ts --port ${SIM_PORT} --api-key ${E2E_API_KEY} --time-scale 20 --long-trace-steps 10000 --quiet`,
      url: `${simulatorUrl}/__sim/health`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: 'npx vite',
      url: `${APP_URL}/__console/backend`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(APP_PORT),
        HOST: '127.0.0.1',
        SIMULATOR_URL: simulatorUrl,
        SIMULATOR_API_KEY: E2E_API_KEY,
        // A stray key in the developer's shell must not send the suite to the real API.
        NANONETS_API_KEY: '',
      },
    },
  ],
});
