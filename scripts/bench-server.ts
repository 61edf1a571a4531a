/** Bench section 10: the production server alone, as its own process in front of a simulator
 *  process: requests per second through the proxy, the latency it adds, its memory afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from './free-port';

const CONCURRENCY = 50;
const REQUESTS = 10_000;
const WARM_UP = 500;
const KEY = 'sim_bench_server_key';
const AGENT = 'Document Summarizer';

interface Row {
  figure: string;
  value: string;
  budget?: string;
}

export async function measureProxyThroughput(distDir: string): Promise<Row[]> {
  const [simPort, serverPort] = [await freePort(), await freePort()];
  const simUrl = `http://127.0.0.1:${simPort}`;
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const children: ChildProcess[] = [];
  try {
    children.push(
      node(['server/simulator/cli.ts', '--port', String(simPort), '--api-key', KEY, '--quiet'], {}),
    );
    await until(`${simUrl}/__sim/health`);
    const server = node(['server/app/main.ts'], {
      HOST: '127.0.0.1',
      PORT: String(serverPort),
      SIMULATOR_URL: simUrl,
      SIMULATOR_API_KEY: KEY,
      CONSOLE_DIST_DIR: distDir,
      CONSOLE_LOG: 'off',
    });
    children.push(server);
    await until(`${serverUrl}/readyz`);
    const rssAtStart = rssOf(server);

    const auth = { authorization: `Bearer ${KEY}` };
    const agents = (await (
      await fetch(`${simUrl}/api/v1/agents?q=${encodeURIComponent(AGENT)}`, { headers: auth })
    ).json()) as { data: { id: string; name: string; status: string }[] };
    const agentId = agents.data.find(
      (agent) => agent.name === AGENT && agent.status === 'published',
    )?.id;
    const started = await fetch(`${simUrl}/api/v1/agents/${agentId}/run`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'Bench: one task to read again and again' }),
    });
    if (!started.ok) throw new Error(`the bench task did not start: ${started.status}`);
    const run = (await started.json()) as { task_id: string };
    const taskPath = `/api/v1/tasks/${run.task_id}`;

    await load(`${serverUrl}${taskPath}`, {}, WARM_UP);
    await load(`${simUrl}${taskPath}`, auth, WARM_UP);
    const proxied = await load(`${serverUrl}${taskPath}`, {}, REQUESTS);
    const direct = await load(`${simUrl}${taskPath}`, auth, REQUESTS);
    const rssAfter = rssOf(server);

    const ms = (value: number) => `${value.toFixed(2)} ms`;
    const mb = (bytes: number | undefined) =>
      bytes === undefined ? 'n/a' : `${(bytes / 1_048_576).toFixed(0)} MB`;
    return [
      {
        figure: `Production server: GET /api/v1/tasks/{id} per second (${CONCURRENCY} clients)`,
        value: `${proxied.perSecond.toFixed(0)} req/s`,
        budget: `direct: ${direct.perSecond.toFixed(0)} req/s`,
      },
      {
        figure: 'Production server: latency added over the simulator, p50',
        value: ms(proxied.p50 - direct.p50),
        budget: `${ms(proxied.p50)} vs ${ms(direct.p50)}`,
      },
      {
        figure: 'Production server: latency added over the simulator, p95',
        value: ms(proxied.p95 - direct.p95),
        budget: `${ms(proxied.p95)} vs ${ms(direct.p95)}`,
      },
      {
        figure: `Production server: memory (RSS) after ${(WARM_UP + REQUESTS).toLocaleString('en')} requests`,
        value: mb(rssAfter),
        budget: `at start: ${mb(rssAtStart)}`,
      },
      ...(proxied.failures + direct.failures > 0
        ? [
            {
              figure: 'Production server: failed requests (should be 0)',
              value: `${proxied.failures} proxied, ${direct.failures} direct`,
            },
          ]
        : []),
    ];
  } finally {
    for (const child of children) child.kill('SIGTERM');
  }
}

/** `count` GETs of `url`, `CONCURRENCY` at a time, each timed. */
async function load(url: string, headers: Record<string, string>, count: number) {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        next++;
        const sent = performance.now();
        const response = await fetch(url, { headers }).catch(() => undefined);
        await response?.arrayBuffer();
        latencies.push(performance.now() - sent);
        if (!response?.ok) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p95: at(0.95), failures };
}

function node(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { PATH: process.env.PATH, NANONETS_API_KEY: '', ...env },
    stdio: 'ignore',
  });
}

/** The resident memory of a process (Linux), or undefined elsewhere. */
function rssOf(child: ChildProcess): number | undefined {
  try {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

async function until(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within 60 s`);
}
