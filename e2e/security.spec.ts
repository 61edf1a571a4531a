import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';

async function describeResponse(response: Response): Promise<string> {
  const headers = JSON.stringify(await response.allHeaders());
  // Redirects and aborted requests have no body.
  const body = await response.body().then(
    (buffer) => buffer.toString('utf8'),
    () => '',
  );
  return `${response.url()}\n${headers}\n${body}`;
}

/**
 * The API key lives on the server. These journeys look everywhere the browser can see — every
 * response header and body of a session, storage and cookies — and check that a header the
 * browser sends cannot take the server's place.
 */
test('the key never reaches the browser', async ({ page, context, newRun, simulator }) => {
  const seen: Promise<string>[] = [];
  page.on('response', (response) => seen.push(describeResponse(response)));

  await newRun.open();
  await newRun.chooseAgent('invo', 'Invoice Extractor');
  await page.goto('/tasks');
  await page.goto('/__console/backend');

  const everything = (await Promise.all(seen)).join('\n');
  expect(everything.length).toBeGreaterThan(1000);
  expect(everything).not.toContain(simulator.apiKey);

  await page.goto('/');
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(storage).not.toContain(simulator.apiKey);
  const cookies = JSON.stringify(await context.cookies());
  expect(cookies).not.toContain(simulator.apiKey);
});

test('a browser-sent Authorization header cannot replace the server key', async ({
  page,
  simulator,
}) => {
  await page.goto('/');
  const status = await page.evaluate(async () => {
    const response = await fetch('/api/v1/agents?limit=1', {
      headers: { Authorization: 'Bearer stolen-or-wrong-key' },
    });
    return response.status;
  });
  // Through the proxy the browser's header is dropped and the server's key is used…
  expect(status).toBe(200);
  const [logged] = (await simulator.requests({ path: '/api/v1/agents' })).slice(-1);
  expect(logged?.auth).toBe('valid');
  expect(logged?.query.limit).toBe('1');

  // …while the same header sent straight to the API is refused.
  const direct = await simulator.api('/agents?limit=1', { key: 'stolen-or-wrong-key' });
  expect(direct.status()).toBe(401);
  expect(await direct.json()).toEqual({ error: expect.any(String) });
});

test('only /api/v1/ is forwarded', async ({ page, simulator }) => {
  await page.goto('/');
  const result = await page.evaluate(async () => {
    const response = await fetch('/api/v2/agents');
    return { status: response.status, body: (await response.json()) as { error?: string } };
  });
  expect(result.status).toBe(404);
  expect(result.body.error).toMatch(/api\/v1/);
  expect(await simulator.requests({ path: '/api/v2' })).toHaveLength(0);
});
