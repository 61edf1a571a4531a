/** The contract tests' harness: a real simulator on an ephemeral port on a `ManualClock`
 *  (seed 42 unless a test gives another), and a small typed client over `fetch`. */
import { expect } from 'vitest';
import { ManualClock } from './clock';
import type { SimulatorOptions } from './options';
import type { TaskStatus } from './model';
import type { TaskStateJson } from './present';
import type { seedSummary } from './routes-control';
import { startSimulator, type RunningSimulator } from './server';

export const TEST_API_KEY = 'sim_test_key';

/** Asymmetric matchers typed `unknown` (vitest's `any` fails the type-checked lint rules). */
export const match = {
  string: (): unknown => expect.any(String),
  /** ISO-8601 UTC with `Z`. */
  iso: (): unknown => expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
  uuid: (): unknown =>
    expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
  matching: (pattern: RegExp): unknown => expect.stringMatching(pattern),
  containing: (text: string): unknown => expect.stringContaining(text),
};

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  /** The envelope's `error` text on a non-2xx answer. */
  error: string | undefined;
}

/** `json` is sent as application/json; `authorization: null` sends none (default: the key). */
export interface RequestOptions {
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  authorization?: string | null;
}

type SeedInfo = ReturnType<typeof seedSummary>[number];

export class Harness {
  private constructor(
    readonly sim: RunningSimulator,
    readonly clock: ManualClock,
  ) {}

  static async start(options: Partial<SimulatorOptions> = {}): Promise<Harness> {
    const clock = new ManualClock();
    const sim = await startSimulator({
      port: 0,
      apiKey: TEST_API_KEY,
      quiet: true,
      clock,
      seed: 42,
      ...options,
    });
    return new Harness(sim, clock);
  }

  get url(): string {
    return this.sim.url;
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const authorization =
      options.authorization === undefined ? `Bearer ${TEST_API_KEY}` : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.json);
    }
    const url =
      path.startsWith('/__sim') || path.startsWith('/api') || path.startsWith('/v1')
        ? `${this.url}${path}`
        : `${this.url}/api/v1${path}`;
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    const parsed: unknown = text === '' ? null : JSON.parse(text);
    const envelope = !res.ok && typeof parsed === 'object' && parsed !== null ? parsed : null;
    const errorText = envelope && 'error' in envelope ? envelope.error : undefined;
    const error = typeof errorText === 'string' ? errorText : undefined;
    return { status: res.status, headers: res.headers, body: parsed as T, error };
  }

  get<T = unknown>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = unknown>(
    path: string,
    json?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, json === undefined ? options : { ...options, json });
  }

  /** Moves virtual time forward, firing every lifecycle timer that falls due. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** The seeded agents by key (`summarizer`, `invoice`, …). */
  async seed(): Promise<Record<string, SeedInfo>> {
    const res = await this.get<{ data: SeedInfo[] }>('/__sim/seed');
    return Object.fromEntries(res.body.data.map((agent) => [agent.key, agent]));
  }

  /** The published version id of a seeded agent. */
  async agentId(key: string): Promise<string> {
    const agent = (await this.seed())[key];
    if (!agent?.published_id) throw new Error(`No published seeded agent "${key}"`);
    return agent.published_id;
  }

  /** Starts a JSON run and returns the new task's id (fails the test on a non-2xx). */
  async runJson(agentId: string, body: Record<string, unknown>): Promise<string> {
    const res = await this.post<TaskStateJson>(`/agents/${agentId}/run`, body);
    if (res.status !== 201) throw new Error(`run failed: ${res.status} ${res.error ?? ''}`);
    return res.body.task_id;
  }

  /** Starts a multipart run with text files and returns the task id. */
  async runFiles(
    agentId: string,
    files: Record<string, string>,
    fields: Record<string, string> = {},
  ): Promise<string> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const [name, text] of Object.entries(files)) {
      form.append('files', new Blob([text], { type: 'text/plain' }), name);
    }
    const res = await this.request<TaskStateJson>('POST', `/agents/${agentId}/run`, { body: form });
    if (res.status !== 201) throw new Error(`run failed: ${res.status} ${res.error ?? ''}`);
    return res.body.task_id;
  }

  async status(taskId: string): Promise<TaskStatus> {
    const res = await this.get<TaskStateJson>(`/tasks/${taskId}`);
    return res.body.status;
  }

  /**
   * Advances virtual time in `stepMs` slices until the task reaches one of `statuses`
   * (bounded by `maxMs`), then returns the status it is in.
   */
  async advanceUntil(
    taskId: string,
    statuses: readonly TaskStatus[],
    { stepMs = 250, maxMs = 120_000 } = {},
  ): Promise<TaskStatus> {
    for (let elapsed = 0; elapsed <= maxMs; elapsed += stepMs) {
      const status = await this.status(taskId);
      if (statuses.includes(status)) return status;
      this.advance(stepMs);
    }
    return this.status(taskId);
  }

  close(): Promise<void> {
    return this.sim.close();
  }
}
