/** The built-in simulator of `npm start`: a key of its own per start, known only to the proxy. */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATOR_API_KEY } from '../simulator/options';
import { startBackend, type RunningBackend } from './start-backend';

const started: RunningBackend[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((backend) => backend.close()));
});

async function start(env: NodeJS.ProcessEnv): Promise<RunningBackend> {
  const backend = await startBackend(env);
  started.push(backend);
  return backend;
}

async function agentsStatus(backend: RunningBackend, key: string): Promise<number> {
  const res = await fetch(`${backend.target.baseUrl}/api/v1/agents`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await res.body?.cancel();
  return res.status;
}

describe('the built-in simulator', () => {
  it('takes a random key on every start, not the public default', async () => {
    const first = await start({});
    const second = await start({});

    expect(first.kind).toBe('builtin-simulator');
    expect(first.target.apiKey).toMatch(/^sim_[0-9a-f]{32}$/);
    expect(second.target.apiKey).toMatch(/^sim_[0-9a-f]{32}$/);
    expect(second.target.apiKey).not.toBe(first.target.apiKey);
    expect(await agentsStatus(first, DEFAULT_SIMULATOR_API_KEY)).toBe(401);
    expect(await agentsStatus(first, second.target.apiKey)).toBe(401);
    expect(await agentsStatus(first, first.target.apiKey)).toBe(200);
  });

  it('keeps its key out of what is printed or sent to the browser', async () => {
    const backend = await start({});
    const shown = JSON.stringify([backend.summary, backend.warnings, backend.info]);

    expect(shown).not.toContain(backend.target.apiKey);
  });

  it('takes SIMULATOR_API_KEY when it is set, and a random key when it is empty', async () => {
    const pinned = await start({ SIMULATOR_API_KEY: 'sim_chosen_key' });
    const blank = await start({ SIMULATOR_API_KEY: '' });

    expect(pinned.target.apiKey).toBe('sim_chosen_key');
    expect(await agentsStatus(pinned, 'sim_chosen_key')).toBe(200);
    expect(blank.target.apiKey).toMatch(/^sim_[0-9a-f]{32}$/);
  });
});
