/** Ports and key shared by playwright.config.ts (which starts the servers) and the fixtures. */
export const SIM_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4311);
export const APP_PORT = Number(process.env.E2E_PORT ?? 5311);
export const SIMULATOR_URL = `http://127.0.0.1:${SIM_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
/** The simulator's key for the suite: a test asserts the browser never sees it. */
export const E2E_API_KEY = 'sim_e2e_key_5f1c0ffee';
