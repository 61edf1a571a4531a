/** The simulator as a process: the CLI prints its URL, serves and exits cleanly on SIGTERM; an
 *  in-process simulator with live timers lets its process exit once closed. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const serverModule = new URL('./server.ts', import.meta.url).href;

function runNode(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SIMULATOR_PORT: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('process behaviour', () => {
  it('CLI: prints the URL, serves the API with the given key, and stops on SIGTERM', async () => {
    const proc = runNode([cli, '--port', '0', '--api-key', 'cli-key', '--quiet']);
    const url = await new Promise<string>((resolve, reject) => {
      proc.child.stdout.on('data', () => {
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(proc.output().stdout);
        if (found) resolve(found[0]);
      });
      proc.exited.then(() => reject(new Error(`exited early: ${proc.output().stderr}`)), reject);
    });
    const ok = await fetch(`${url}/api/v1/agents`, {
      headers: { authorization: 'Bearer cli-key' },
    });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${url}/api/v1/agents`, {
      headers: { authorization: 'Bearer sim_local_dev_key' },
    });
    expect(wrong.status).toBe(401);
    proc.child.kill('SIGTERM');
    const [code] = await proc.exited;
    expect(code).toBe(0);
  });

  it('CLI: --help lists the options; a bad flag exits 2 with a message', async () => {
    const help = runNode([cli, '--help']);
    expect((await help.exited)[0]).toBe(0);
    expect(help.output().stdout).toContain('--time-scale');
    const bad = runNode([cli, '--port', 'nope']);
    expect((await bad.exited)[0]).toBe(2);
    expect(bad.output().stderr).toContain('--port expects');
  });

  it('close() lets the process exit while tasks still have timers pending', async () => {
    const script = `
      const { startSimulator } = await import(${JSON.stringify(serverModule)});
      const sim = await startSimulator({ port: 0, quiet: true });
      const auth = { authorization: 'Bearer sim_local_dev_key' };
      const page = await (await fetch(sim.url + '/api/v1/agents', { headers: auth })).json();
      const id = page.data.find((a) => a.name === 'Trace Stress Test').id;
      await fetch(sim.url + '/api/v1/agents/' + id + '/run', {
        method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"query":"x"}',
      });
      await sim.close();
      console.log('closed');
    `;
    const proc = runNode(['--input-type=module', '-e', script]);
    const started = performance.now();
    const [code] = await proc.exited;
    expect(proc.output().stderr).toBe('');
    expect(code).toBe(0);
    expect(proc.output().stdout.trim()).toBe('closed');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
