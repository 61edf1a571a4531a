/** "Check before reading": auth before the body, every body read as a stream within a limit (413),
 *  a request log bounded in bytes. A client that sends part of a body and never ends it proves
 *  the server decided without waiting for the rest. */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMIT_BYTES, MULTIPART_ALLOWANCE_BYTES } from './body';
import {
  REQUEST_LOG_BYTE_CAPACITY,
  REQUEST_LOG_VALUE_BYTES,
  RequestLog,
  type RequestLogEntry,
} from './request-log';
import { Harness, TEST_API_KEY } from './test-harness';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');
const AUTH = { authorization: `Bearer ${TEST_API_KEY}` };

const harnesses: Harness[] = [];
async function start(options: Parameters<typeof Harness.start>[0] = {}): Promise<Harness> {
  const h = await Harness.start(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

interface EarlyAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  error: string | undefined;
  /** Body bytes the client had written when the answer arrived. */
  sent: number;
}

interface OpenBody {
  headers: Record<string, string>;
  /** Bytes the body would have in all. */
  total: number;
  /** Declare `total` in Content-Length; otherwise the body is chunked. */
  declare: boolean;
  /** Write at most this many bytes, then wait; the body is never ended. */
  sendAtMost: number;
  /** The body's first bytes (a JSON opening, a multipart part header); filler follows. */
  prefix?: string;
  waitMs?: number;
}

/**
 * POSTs a body that is never finished. Resolves with the answer if one arrives while the body is
 * still open; rejects when none arrives within `waitMs`, which means the server is waiting for
 * the rest of the body before it answers.
 */
function postOpenBody(url: string, body: OpenBody): Promise<EarlyAnswer> {
  const { total, declare, sendAtMost, prefix = '', waitMs = 8_000 } = body;
  return new Promise<EarlyAnswer>((resolve, reject) => {
    let sent = 0;
    let settled = false;
    // Keep-alive, as browsers and fetch send: with "Connection: close" (agent: false) node closes
    // the socket right after the answer, and a client still sending may get a reset instead.
    const agent = new Agent({ keepAlive: true });
    const req = httpRequest(url, {
      method: 'POST',
      agent,
      headers: { ...body.headers, ...(declare ? { 'content-length': String(total) } : {}) },
    });
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      req.destroy();
      agent.destroy();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          new Error(
            `No answer while the body was open (${sent} of ${total} bytes sent): the server waited for the whole body.`,
          ),
        ),
      );
    }, waitMs);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let error: string | undefined;
        try {
          const parsed = JSON.parse(text) as { error?: unknown };
          error = typeof parsed.error === 'string' ? parsed.error : undefined;
        } catch {
          error = undefined;
        }
        settle(() => resolve({ status: res.statusCode ?? 0, headers: res.headers, error, sent }));
      });
    });
    req.on('error', (err) => settle(() => reject(err)));
    const pump = () => {
      while (!settled && sent < Math.min(sendAtMost, total)) {
        const piece =
          sent === 0 && prefix !== ''
            ? Buffer.from(prefix)
            : CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
        sent += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
    };
    pump();
  });
}

const logOf = async (h: Harness, query = '') =>
  (await h.get<{ data: RequestLogEntry[] }>(`/__sim/requests${query}`)).body.data;

const multipartHead = (boundary: string, name: string, filename?: string) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${
    filename === undefined ? '' : `; filename="${filename}"`
  }\r\n${filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n'}\r\n`;

describe('authenticate before reading', () => {
  it.each([
    ['a declared 50 MB JSON body', true, 'application/json', '{"query":"'],
    [
      'a chunked 50 MB multipart body',
      false,
      'multipart/form-data; boundary=B',
      multipartHead('B', 'files', 'big.bin'),
    ],
  ])(
    'answers 401 to %s without a key while the body is still being sent, and logs it unread',
    async (_label, declare, contentType, prefix) => {
      const h = await start();
      const id = await h.agentId('summarizer');
      const answer = await postOpenBody(`${h.url}/api/v1/agents/${id}/run`, {
        headers: { 'content-type': contentType },
        total: 50 * MB,
        declare,
        sendAtMost: MB,
        prefix,
      });
      expect(answer.status).toBe(401);
      expect(answer.error).toMatch(/Missing API key/);
      expect(answer.sent).toBeLessThan(50 * MB);
      const [entry] = await logOf(h);
      expect(entry).toMatchObject({
        status: 401,
        auth: 'missing',
        body: null,
        parts: null,
        body_read: false,
      });
    },
  );

  it('answers an injected fault and a wrong key before reading the body', async () => {
    const h = await start();
    const id = await h.agentId('summarizer');
    await h.post('/__sim/faults', { status: 503, path: '/agents/*/run' });
    const open = (headers: Record<string, string>) =>
      postOpenBody(`${h.url}/api/v1/agents/${id}/run`, {
        headers: { 'content-type': 'application/json', ...headers },
        total: 50 * MB,
        declare: true,
        sendAtMost: MB,
      });
    expect((await open(AUTH)).status).toBe(503);
    expect((await open({ authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await logOf(h)).map((e) => [e.status, e.body_read])).toEqual([
      [503, false],
      [401, false],
    ]);
  });
});

describe('JSON bodies are read within a limit', () => {
  it('answers 413 at once when Content-Length is over the limit, reading nothing', async () => {
    const h = await start();
    const id = await h.agentId('summarizer');
    const answer = await postOpenBody(`${h.url}/api/v1/agents/${id}/run`, {
      headers: { 'content-type': 'application/json', ...AUTH },
      total: JSON_BODY_LIMIT_BYTES + 1,
      declare: true,
      sendAtMost: 64 * 1024,
      prefix: '{"query":"',
    });
    expect(answer.status).toBe(413);
    expect(answer.error).toMatch(/over 1 MB/);
    expect(answer.headers['content-type']).toMatch(/application\/json/);
    const entries = await logOf(h);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 413, auth: 'valid', body: null, parts: null });
    expect(JSON.stringify(entries).length).toBeLessThan(4_096);
    expect((await h.get<{ data: unknown[] }>('/tasks')).body.data).toEqual([]);
  });

  it('answers 413 to a chunked message body once it passes the limit, without the rest', async () => {
    const h = await start();
    const task = await h.runJson(await h.agentId('summarizer'), { query: 'x' });
    const answer = await postOpenBody(`${h.url}/api/v1/tasks/${task}/message`, {
      headers: { 'content-type': 'application/json', ...AUTH },
      total: 64 * MB,
      declare: false,
      sendAtMost: 64 * MB,
      prefix: '{"message":"',
    });
    expect(answer.status).toBe(413);
    expect(answer.error).toMatch(/over 1 MB/);
    expect(answer.sent).toBeLessThan(64 * MB);
    const messages = await h.get<{ data: unknown[] }>(`/tasks/${task}/messages`);
    expect(messages.body.data).toHaveLength(1);
  });

  it('accepts a body under the limit and logs its long values cut at 64 KB with a marker', async () => {
    const h = await start();
    const query = 'q'.repeat(900 * 1024);
    const res = await h.post(`/agents/${await h.agentId('summarizer')}/run`, { query });
    expect(res.status).toBe(201);
    const [entry] = await logOf(h);
    const logged = (entry?.body as { query: string }).query;
    expect(Buffer.byteLength(logged)).toBeLessThan(REQUEST_LOG_VALUE_BYTES + 100);
    expect(logged.startsWith('qqqq')).toBe(true);
    expect(logged).toMatch(/truncated: 921600 bytes/);
    expect(entry).toMatchObject({ body_read: true, truncated: true });
  });
});

describe('multipart bodies are read within a limit', () => {
  // At most 2 files of 1 MB: no valid run body is much over 2 MB + the allowance.
  const limits = { maxFileMb: 1, maxFiles: 2 };
  const cap = 2 * MB + MULTIPART_ALLOWANCE_BYTES;

  it('answers 413 at once when Content-Length is over what any run can carry', async () => {
    const h = await start(limits);
    const id = await h.agentId('summarizer');
    const answer = await postOpenBody(`${h.url}/api/v1/agents/${id}/run`, {
      headers: { 'content-type': 'multipart/form-data; boundary=B', ...AUTH },
      total: cap + 1,
      declare: true,
      sendAtMost: 64 * 1024,
      prefix: multipartHead('B', 'files', 'big.bin'),
    });
    expect(answer.status).toBe(413);
    expect(answer.error).toMatch(/at most 2 files of 1 MB/);
    const [entry] = await logOf(h);
    expect(entry).toMatchObject({ status: 413, body: null });
  });

  it('answers 413 to a chunked multipart body once it passes the limit, without the rest', async () => {
    const h = await start(limits);
    const id = await h.agentId('summarizer');
    const answer = await postOpenBody(`${h.url}/api/v1/agents/${id}/run`, {
      headers: { 'content-type': 'multipart/form-data; boundary=B', ...AUTH },
      total: 64 * MB,
      declare: false,
      sendAtMost: 64 * MB,
      prefix: multipartHead('B', 'files', 'big.bin'),
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(64 * MB);
    const [entry] = await logOf(h);
    expect(entry?.status).toBe(413);
    expect(JSON.stringify(entry).length).toBeLessThan(4_096);
  });

  it('answers 413 to a text part over 1 MB', async () => {
    const h = await start(limits);
    const form = new FormData();
    form.append('query', 'x'.repeat(JSON_BODY_LIMIT_BYTES + 1));
    const res = await h.request('POST', `/agents/${await h.agentId('summarizer')}/run`, {
      body: form,
    });
    expect(res.status).toBe(413);
    expect(res.error).toMatch(/"query" part is over 1 MB/);
  });

  it('still answers 400 naming the file and its full size for one file over the per-file limit', async () => {
    const h = await start(limits);
    const form = new FormData();
    form.append('query', 'Read it');
    form.append('files', new Blob([new Uint8Array(Math.round(1.5 * MB))]), 'big.bin');
    const res = await h.request('POST', `/agents/${await h.agentId('summarizer')}/run`, {
      body: form,
    });
    expect(res.status).toBe(400);
    expect(res.error).toBe('File "big.bin" is 1.5 MB; the limit is 1 MB per file.');
    const [entry] = await logOf(h);
    expect(entry?.parts).toEqual([
      { name: 'query', size: 7, value: 'Read it' },
      {
        name: 'files',
        filename: 'big.bin',
        content_type: 'application/octet-stream',
        size: Math.round(1.5 * MB),
      },
    ]);
  });

  it('keeps a UTF-8 file name and a path in the file name as sent', async () => {
    const h = await start(limits);
    const form = new FormData();
    form.append('files', new Blob(['Total: 5'], { type: 'text/plain' }), 'reçu/été.txt');
    const res = await h.request<{ task_id: string }>(
      'POST',
      `/agents/${await h.agentId('summarizer')}/run`,
      { body: form },
    );
    expect(res.status).toBe(201);
    const [entry] = await logOf(h);
    expect(entry?.parts?.[0]?.filename).toBe('reçu/été.txt');
  });
});

describe('control routes read small JSON bodies only', () => {
  it('answers 413 to POST /__sim/faults declared over the limit, before the body arrives', async () => {
    const h = await start();
    const answer = await postOpenBody(`${h.url}/__sim/faults`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
      total: 2 * MB,
      declare: true,
      sendAtMost: 64 * 1024,
      prefix: '{"status":503,"error":"',
    });
    expect(answer.status).toBe(413);
    expect((await h.get<{ data: unknown[] }>('/__sim/faults')).body.data).toEqual([]);
  });

  it('answers 413 to a chunked POST /__sim/tasks/{id}/review once it passes the limit', async () => {
    const h = await start();
    const task = await h.runJson(await h.agentId('summarizer'), { query: 'x' });
    const answer = await postOpenBody(`${h.url}/__sim/tasks/${task}/review`, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_KEY}` },
      total: 64 * MB,
      declare: false,
      sendAtMost: 64 * MB,
      prefix: '{"decision":"approve","note":"',
    });
    expect(answer.status).toBe(413);
    expect(answer.sent).toBeLessThan(64 * MB);
  });
});

describe('request log bounds', () => {
  // One string per letter and size, built once (a fresh 1 MB string per entry is slow to build).
  const strings = new Map<string, string>();
  const text = (letter: string, size: number): string => {
    const key = `${letter}${size}`;
    let value = strings.get(key);
    if (value === undefined) {
      value = letter.repeat(size);
      strings.set(key, value);
    }
    return value;
  };
  const entry = (id: number, size: number): RequestLogEntry => ({
    id,
    at: '2026-01-01T00:00:00.000Z',
    method: 'POST',
    path: '/api/v1/agents/x/run',
    query: {},
    status: 201,
    auth: 'valid',
    content_type: 'application/json',
    body: { query: text('b', size), output_config: { instructions: text('i', size) } },
    parts: [{ name: 'query', size, value: text('v', size) }],
    body_read: true,
    truncated: false,
  });

  it('keeps its stored bytes under the cap after many large entries, newest kept', () => {
    const log = new RequestLog();
    for (let i = 1; i <= 60; i++) log.add(entry(i, MB));
    const stored = log.list();
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThanOrEqual(
      REQUEST_LOG_BYTE_CAPACITY,
    );
    expect(stored.length).toBeGreaterThan(1);
    expect(stored.length).toBeLessThan(60);
    expect(stored.at(-1)?.id).toBe(60);
    const newest = stored.at(-1);
    const body = newest?.body as { query: string; output_config: { instructions: string } };
    expect(body.query).toMatch(/^b+… \[truncated: 1048576 bytes in all\]$/);
    expect(Buffer.byteLength(body.query)).toBeLessThan(REQUEST_LOG_VALUE_BYTES + 100);
    expect(body.output_config.instructions).toMatch(/truncated/);
    expect(newest?.parts?.[0]?.value).toMatch(/^v+… \[truncated/);
    expect(newest?.parts?.[0]?.size).toBe(MB);
    expect(newest?.truncated).toBe(true);
  });

  it('bounds one entry with very many parts', () => {
    const log = new RequestLog();
    const many = entry(1, 10);
    many.parts = Array.from({ length: 50_000 }, (_, i) => ({
      name: 'files',
      filename: `f${i}.txt`,
      size: 1,
    }));
    log.add(many);
    const [stored] = log.list();
    expect(Buffer.byteLength(JSON.stringify(stored))).toBeLessThan(REQUEST_LOG_BYTE_CAPACITY / 4);
    expect(stored?.parts?.length).toBeLessThan(50_000);
    expect(stored?.truncated).toBe(true);
  });

  it('still keeps at most 2,000 entries, and leaves small entries whole', () => {
    const log = new RequestLog();
    for (let i = 1; i <= 2_100; i++) log.add(entry(i, 10));
    const stored = log.list();
    expect(stored).toHaveLength(2_000);
    expect(stored[0]?.id).toBe(101);
    expect(stored[0]).toEqual(entry(101, 10));
  });
});
