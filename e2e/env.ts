/** Ports and key shared by playwright.config.ts (which starts the servers) and the fixtures. */
export const SIM_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? 4311);
/** The production server serving the build, with the real proxy: what people get. */
export const APP_PORT = Number(process.env.E2E_PORT ?? 5311);
/** The development server (`npm run dev`), for the smoke journey that keeps it covered. */
export const DEV_PORT = Number(process.env.E2E_DEV_PORT ?? APP_PORT + 1);
export const SIMULATOR_URL = `http://127.0.0.1:${SIM_PORT}`;
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const DEV_URL = `http://127.0.0.1:${DEV_PORT}`;
/** Where the suite's production build goes, apart from a developer's own `dist/` — and apart
 *  per port, so two runs on other ports (`E2E_PORT=…`) never rebuild under each other. */
export const E2E_OUT_DIR = `dist-e2e/${APP_PORT}`;
/** The simulator's key for the suite: a test asserts the browser never sees it. */
export const E2E_API_KEY = 'sim_e2e_key_5f1c0ffee';
