/** Uploaded bytes are held only until the agent has read them, and what is held unread is capped
 *  (runs through the simulator's own HTTP app, multipart included, on a manual clock). */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { ManualClock } from './clock';
import { HeldFile, HeldInputs } from './input-files';
import { TERMINAL_STATUSES, type TaskRecord } from './model';
import { resolveSimulatorOptions, type SimulatorOptions } from './options';
import { Simulation } from './simulation';

const KEY = 'sim_test_key';
const KB = 1024;
const MB = 1024 * KB;

interface Upload {
  name: string;
  content: string | Uint8Array;
  type?: string;
}

const BOUNDARY = 'sim-test-boundary';

/** A multipart body built by hand: `FormData` blobs could outlive the request in this process. */
function multipart(uploads: readonly Upload[]): Uint8Array<ArrayBuffer> {
  const parts = uploads.flatMap((upload) => [
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${upload.name}"\r\nContent-Type: ${upload.type ?? 'text/plain'}\r\n\r\n`,
    ),
    Buffer.from(upload.content),
    Buffer.from('\r\n'),
  ]);
  return new Uint8Array(Buffer.concat([...parts, Buffer.from(`--${BOUNDARY}--\r\n`)]));
}

class Rig {
  readonly clock = new ManualClock();
  readonly sim: Simulation;
  readonly #app;

  constructor(options: Partial<SimulatorOptions>) {
    this.sim = new Simulation(resolveSimulatorOptions({ apiKey: KEY, ...options }), this.clock);
    this.#app = createApp(this.sim);
  }

  agentId(key: string): string {
    const agents = [...this.sim.workspace.agents.values()];
    const agent = agents.find((a) => a.seedKey === key && a.status === 'published');
    if (!agent) throw new Error(`no published agent ${key}`);
    return agent.id;
  }

  /** Starts a multipart run; the body is unreachable once this returns. */
  async run(agent: string, uploads: Upload[]): Promise<TaskRecord> {
    const res = await this.#app.request(`/api/v1/agents/${this.agentId(agent)}/run`, {
      method: 'POST',
      body: multipart(uploads),
      headers: {
        authorization: `Bearer ${KEY}`,
        host: '127.0.0.1',
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
    });
    const body = (await res.json()) as { task_id?: string; error?: string };
    if (res.status !== 201 || body.task_id === undefined) {
      throw new Error(`run failed: ${res.status} ${body.error ?? ''}`);
    }
    const task = this.sim.workspace.getTask(body.task_id);
    if (!task) throw new Error('the task is not in the store');
    return task;
  }

  finish(...tasks: TaskRecord[]): void {
    for (let i = 0; i < 2_000 && tasks.some((t) => !TERMINAL_STATUSES.has(t.status)); i++) {
      this.clock.advance(1_000);
    }
    for (const task of tasks) expect(TERMINAL_STATUSES.has(task.status), task.id).toBe(true);
  }
}

const rigs: Rig[] = [];
function rig(options: Partial<SimulatorOptions> = {}): Rig {
  const made = new Rig(options);
  rigs.push(made);
  return made;
}
afterEach(() => {
  for (const made of rigs.splice(0)) made.sim.dispose();
});

function heldBytes(task: TaskRecord): number[] {
  return task.input.files.map((file) => file.heldBytes);
}

/** Paths of every byte array reachable through a record's own enumerable properties. */
function byteArrays(value: unknown, path = 'task', seen = new Set<unknown>()): string[] {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return [path];
  if (typeof value !== 'object' || value === null || seen.has(value)) return [];
  seen.add(value);
  return Object.entries(value).flatMap(([key, child]) => byteArrays(child, `${path}.${key}`, seen));
}

function summaryOf(task: TaskRecord): string {
  return task.feed.find((item) => item.type === 'task_complete')?.result?.structuredContent
    .summary as string;
}

describe('a run with files', () => {
  it('holds the bytes until the agent reads them, then keeps only what the agent derived', async () => {
    const r = rig();
    const march = 'Invoice total: 1,234.50 EUR\nPaid on 2026-03-14.\n';
    const notes = '# Notes\n\nShip the April batch.\n';
    const task = await r.run('summarizer', [
      { name: 'march.txt', content: march },
      { name: 'notes.md', content: notes },
    ]);

    expect(heldBytes(task)).toEqual([march.length, notes.length]);
    expect(r.sim.engine.heldInputBytes).toBe(march.length + notes.length);
    r.finish(task);

    expect(heldBytes(task)).toEqual([0, 0]);
    expect(r.sim.engine.heldInputBytes).toBe(0);
    expect(byteArrays(task)).toEqual([]);
    expect(task.input.files.map(({ name, type, size }) => ({ name, type, size }))).toEqual([
      { name: 'march.txt', type: 'text/plain', size: march.length },
      { name: 'notes.md', type: 'text/plain', size: notes.length },
    ]);
    // Read for real: the summary quotes what was in the bytes.
    expect(summaryOf(task)).toContain('1,234.50');
    expect(summaryOf(task)).toContain('Notes');
  });

  it('lets each file go at the step that reads it', async () => {
    const r = rig();
    const second = 'Invoice Number: INV-2\nTotal: 20.00 EUR\n';
    const task = await r.run('invoice', [
      { name: 'a.txt', content: 'Invoice Number: INV-1\nTotal: 10.00 EUR\n' },
      { name: 'b.txt', content: second },
    ]);
    const planned = () => task.feed.some((item) => item.role === 'assistant');

    // Once the plan has landed, the first file's `read_file` step is under way; the second waits.
    for (let i = 0; i < 200 && !planned(); i++) r.clock.advance(50);
    expect(heldBytes(task)).toEqual([0, second.length]);
    r.finish(task);
    expect(heldBytes(task)).toEqual([0, 0]);
  });

  it('drops the bytes of files the agent never reads once the task ends, or is stopped', async () => {
    const r = rig({ longTraceSteps: 3 });
    const ignored = await r.run('long-trace', [{ name: 'x.txt', content: 'x'.repeat(KB) }]);
    const stopped = await r.run('summarizer', [{ name: 'y.txt', content: 'y'.repeat(KB) }]);

    r.sim.engine.cancel(stopped);
    r.finish(ignored);

    expect([...heldBytes(ignored), ...heldBytes(stopped)]).toEqual([0, 0]);
    expect(r.sim.engine.heldInputBytes).toBe(0);
  });

  it('drops everything it holds on a reset', async () => {
    const r = rig();
    const task = await r.run('summarizer', [{ name: 'a.txt', content: 'a'.repeat(KB) }]);

    r.sim.reset();

    expect(heldBytes(task)).toEqual([0]);
  });
});

describe('the cap on unread uploads', () => {
  it('drops the oldest tasks’ files first, never the newest run’s, and the agent says so', async () => {
    const r = rig({ maxInputMb: 1 });
    const file = (name: string) => ({ name, content: 'x'.repeat(400 * KB) });
    // The manual clock stands still, so no agent reads anything until `finish`.
    const a = await r.run('summarizer', [file('a1.txt'), file('a2.txt')]);
    const b = await r.run('summarizer', [file('b.txt')]);

    expect([heldBytes(a), heldBytes(b)]).toEqual([[0, 400 * KB], [400 * KB]]);

    const c = await r.run('summarizer', [file('c.txt')]);
    expect([heldBytes(a), heldBytes(b), heldBytes(c)]).toEqual([[0, 0], [400 * KB], [400 * KB]]);

    // A run larger than the cap on its own is held whole; everything older goes.
    const d = await r.run('summarizer', [file('d1.txt'), file('d2.txt'), file('d3.txt')]);
    expect([heldBytes(b), heldBytes(c), heldBytes(d)]).toEqual([
      [0],
      [0],
      [400 * KB, 400 * KB, 400 * KB],
    ]);
    expect(r.sim.engine.heldInputBytes).toBe(1_200 * KB);

    r.finish(a, b, c, d);
    const reads = a.feed.filter((item) => item.name === 'read_file').map((item) => item.output);
    expect(reads).toEqual([
      expect.objectContaining({ filename: 'a1.txt', kind: 'dropped', readable: false }),
      expect.objectContaining({ filename: 'a2.txt', kind: 'dropped', readable: false }),
    ]);
    expect(summaryOf(a)).toContain('dropped the upload before it was read');
    expect(summaryOf(d)).not.toContain('dropped');
    expect(r.sim.engine.heldInputBytes).toBe(0);
  });
});

describe('HeldFile', () => {
  const bytes = new TextEncoder().encode('hello');

  it('is read once: a second read is a bug in the script', () => {
    const file = new HeldFile({ name: 'a.txt', type: '', size: 5, bytes });
    expect(file.heldBytes).toBe(5);
    expect(file.read((f) => f.bytes.length)).toBe(5);
    expect(file.heldBytes).toBe(0);
    expect(() => file.read((f) => f.bytes.length)).toThrow(/read twice/);
  });

  it('reads as dropped once released unread', () => {
    const file = new HeldFile({ name: 'a.txt', type: '', size: 5, bytes });
    file.release();
    expect(file.read((f) => [f.dropped, f.size, f.bytes.length])).toEqual([true, 5, 0]);
  });

  it('is forgotten by the cap once read', () => {
    const inputs = new HeldInputs(100);
    const file = new HeldFile({ name: 'a.txt', type: '', size: 5, bytes });
    inputs.hold([file]);
    expect(inputs.heldBytes).toBe(5);
    file.read(() => null);
    expect(inputs.heldBytes).toBe(0);
  });
});

describe('memory across large uploads', () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  /** Heap and array buffers after a full collection, in MB. */
  const retainedMb = () => {
    gc();
    gc();
    const usage = process.memoryUsage();
    return (usage.heapUsed + usage.arrayBuffers) / MB;
  };

  it('returns to where it was once 20 × 2 MB files have been read', async () => {
    const r = rig({ maxInputMb: 256 });
    // Text of one long line: cheap to digest, and its first line is a substring that could keep
    // the whole decoded text alive. Made in the call, so the test itself keeps none of it.
    const uploads = () =>
      Array.from({ length: 20 }, (_, i) => ({
        name: `big-${i}.txt`,
        content: String(i).padEnd(2 * MB, 'x'),
      }));
    r.finish(await r.run('summarizer', [{ name: 'warm-up.txt', content: 'x'.repeat(KB) }]));
    const before = retainedMb();

    const task = await r.run('summarizer', uploads());
    const holding = retainedMb();
    r.finish(task);
    const after = retainedMb();

    expect(holding - before).toBeGreaterThan(35);
    expect(after - before).toBeLessThan(8);
  });
});
