/** A shared console: sign-in by password across two instances, a trusted proxy's header, and the
 *  refusal to start a keyed console on a network with nobody signing in. Each test starts its own
 *  production servers on the suite's build, pointed at the suite's simulator. */
import { spawn, type ChildProcess } from 'node:child_process';
import { E2E_API_KEY, E2E_OUT_DIR, SIMULATOR_URL } from './env';
import { expect, test } from './fixtures';

const PASSWORD = 'team console password';
const SECRET = 'e2e-session-secret-'.padEnd(64, 'x');

interface Started {
  url: string;
  process: ChildProcess;
}

const started: ChildProcess[] = [];
test.afterEach(() => {
  for (const child of started.splice(0)) child.kill('SIGTERM');
});

/** Starts `server/app/main.ts` on a free port and resolves with its URL once it listens. */
function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/app/main.ts'], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      CONSOLE_DIST_DIR: E2E_OUT_DIR,
      SIMULATOR_URL,
      SIMULATOR_API_KEY: E2E_API_KEY,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /serving .* at (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ url, process: child });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
}

test('with CONSOLE_PASSWORD, nothing is served before sign-in; the session holds on a second instance until Sign out', async ({
  page,
  playwright,
}) => {
  const env = { CONSOLE_PASSWORD: PASSWORD, CONSOLE_SESSION_SECRET: SECRET };
  const [first, second] = await Promise.all([startServer(env), startServer(env)]);

  // The API refuses without a session, in the API's envelope.
  const api = await playwright.request.newContext();
  const refused = await api.get(`${first.url}/api/v1/agents`);
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: 'Sign in to the Agent Console first.' });
  await api.dispose();

  // The app sends the person to sign in, and remembers where they were going.
  await page.goto(`${first.url}/tasks?status=completed`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks%3Fstatus%3Dcompleted$/);
  const password = page.getByLabel('Password');
  await password.fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Wrong password. 4 attempts left before sign-in pauses for 10 minutes.',
  );

  await password.fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${first.url}/tasks?status=completed`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();

  // The other instance, same secret: the same session works there (cookies ignore the port).
  await page.goto(`${second.url}/tasks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Backend: Simulator' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${second.url}/sign-in`);
  await page.goto(`${first.url}/tasks`);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Ftasks$/);
});

test('behind a sign-in proxy, requests without its header are refused; with it, the user is named', async ({
  browser,
}) => {
  const server = await startServer({ CONSOLE_TRUSTED_USER_HEADER: 'X-Forwarded-Email' });
  const stranger = await browser.newPage();
  const refused = await stranger.goto(`${server.url}/tasks`);
  expect(refused?.status()).toBe(401);
  await stranger.close();

  const context = await browser.newContext({
    extraHTTPHeaders: { 'X-Forwarded-Email': 'ada@example.com' },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}/tasks`);
  await expect(page.getByRole('heading', { level: 1, name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Signed in as ada@example.com');
  await context.close();
});

test('HOST=0.0.0.0 with a real key and nobody signing in does not start, and says why', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/app/main.ts'], {
    env: {
      PATH: process.env.PATH,
      HOST: '0.0.0.0',
      PORT: '0',
      CONSOLE_DIST_DIR: E2E_OUT_DIR,
      NANONETS_API_KEY: 'sk-not-a-real-key',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(1);
  expect(stderr).toContain('Refusing to start');
  expect(stderr).toContain('HOST=127.0.0.1');
  expect(stderr).toContain('CONSOLE_PASSWORD');
  expect(stderr).toContain('CONSOLE_AUTH=none');
});
