/**
 * The server as a process: SIGTERM lets a request in flight finish, then the process exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listen, request, signal, type TestServer } from '../proxy/test-support';

let upstream: TestServer;
const arrived = signal();
const release = signal();

beforeAll(async () => {
  upstream = await listen((req, res) => {
    if (req.url?.startsWith('/api/v1/tasks/held')) {
      arrived.resolve();
      void release.promise.then(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"task_id":"held","status":"running"}');
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[],"has_more":false}');
  });
});
afterAll(() => upstream.close());

it('SIGTERM during a request: the request completes, then the process exits 0', async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'console-main-'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/app/main.ts'], {
    env: {
      PATH: process.env.PATH,
      HOST: '127.0.0.1',
      PORT: '0',
      CONSOLE_DIST_DIR: dist,
      SIMULATOR_URL: upstream.url,
      CONSOLE_LOG: 'off',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /at (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  const inFlight = request(`${url}/api/v1/tasks/held`);
  await arrived.promise;
  child.kill('SIGTERM');
  // Once it has stopped listening, new connections are refused…
  await expect
    .poll(() =>
      request(`${url}/healthz`).then(
        () => 'open',
        () => 'refused',
      ),
    )
    .toBe('refused');
  // …while the request in flight still gets its answer, and only then does the process end.
  release.resolve();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(JSON.parse(response.body)).toEqual({ task_id: 'held', status: 'running' });
  expect(await exited).toBe(0);
  expect(stderr).toContain('SIGTERM, finishing requests in flight');
}, 20_000);
