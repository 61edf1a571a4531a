import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskStateJson } from './present';
import type { RequestLogEntry } from './request-log';
import { Harness, match } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start({ maxFileMb: 1, maxFiles: 3 });
});
afterEach(async () => {
  await h.close();
});

type RunResponse = TaskStateJson & { message: string };

function form(entries: [string, string | Blob, string?][]): FormData {
  const data = new FormData();
  for (const [name, value, filename] of entries) {
    if (typeof value === 'string') data.append(name, value);
    else data.append(name, value, filename);
  }
  return data;
}

const text = (content: string) => new Blob([content], { type: 'text/plain' });

describe('POST /agents/{id}/run', () => {
  it('creates a pending task from a JSON body (201) with the documented message', async () => {
    const id = await h.agentId('summarizer');
    const res = await h.post<RunResponse>(`/agents/${id}/run`, {
      query: 'Summarize the quarter',
      output_config: { instructions: 'Use bullet points.' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      task_id: match.uuid(),
      agent_id: id,
      status: 'pending',
      created_at: match.iso(),
      updated_at: match.iso(),
      message: 'Task created successfully. Use GET /api/v1/tasks/{task_id} to check status.',
    });
    const log = await h.get<{ data: RequestLogEntry[] }>('/__sim/requests?method=POST');
    expect(log.body.data.at(-1)).toMatchObject({
      path: `/api/v1/agents/${id}/run`,
      status: 201,
      auth: 'valid',
      body: {
        query: 'Summarize the quarter',
        output_config: { instructions: 'Use bullet points.' },
      },
      parts: null,
    });
  });

  it('accepts multipart with three files, and the request log shows each part', async () => {
    const id = await h.agentId('summarizer');
    const body = form([
      ['query', 'Summarize these'],
      ['files', text('alpha,beta\n1,2\n'), 'a.csv'],
      ['files', text('# Title\n\nSome text.'), 'b.md'],
      [
        'files',
        new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2])], { type: 'application/pdf' }),
        'c.pdf',
      ],
      ['output_config', JSON.stringify({ instructions: 'Short.' })],
    ]);
    const res = await h.request<RunResponse>('POST', `/agents/${id}/run`, { body });
    expect(res.status).toBe(201);
    const log = await h.get<{ data: RequestLogEntry[] }>(
      `/__sim/requests?path=/api/v1/agents/${id}/run`,
    );
    const entry = log.body.data[0];
    expect(entry?.content_type).toMatch(/^multipart\/form-data; boundary=/);
    expect(entry?.body).toBeNull();
    expect(entry?.parts).toEqual([
      { name: 'query', size: 15, value: 'Summarize these' },
      { name: 'files', filename: 'a.csv', content_type: 'text/plain', size: 15 },
      { name: 'files', filename: 'b.md', content_type: 'text/plain', size: 19 },
      { name: 'files', filename: 'c.pdf', content_type: 'application/pdf', size: 7 },
      { name: 'output_config', size: 25, value: '{"instructions":"Short."}' },
    ]);
    h.advance(500);
    const state = await h.get<TaskStateJson>(`/tasks/${res.body.task_id}`);
    expect(state.body.title).toBe('Summarize these');
  });

  it('accepts the legacy single "file" field and titles a files-only run by file name', async () => {
    const id = await h.agentId('summarizer');
    const res = await h.request<RunResponse>('POST', `/agents/${id}/run`, {
      body: form([['file', text('hello'), 'legacy-notes.txt']]),
    });
    expect(res.status).toBe(201);
    h.advance(500);
    const state = await h.get<TaskStateJson>(`/tasks/${res.body.task_id}`);
    expect(state.body.title).toBe('legacy-notes.txt');
    const messages = await h.get<{ data: { content: string }[] }>(
      `/tasks/${res.body.task_id}/messages`,
    );
    expect(messages.body.data[0]?.content).toContain('legacy-notes.txt');
  });

  it.each([
    ['no query and no file (JSON)', () => ({ json: {} }), 400, /Nothing to run/],
    ['a blank query', () => ({ json: { query: '   ' } }), 400, /Nothing to run/],
    ['no body at all', () => ({}), 400, /Nothing to run/],
    ['an empty multipart body', () => ({ body: form([['query', '']]) }), 400, /Nothing to run/],
    ['a non-string query', () => ({ json: { query: 7 } }), 400, /query must be a string/],
    [
      'invalid JSON in the output_config part',
      () => ({
        body: form([
          ['query', 'x'],
          ['output_config', '{not json'],
        ]),
      }),
      400,
      /output_config is not valid JSON/,
    ],
    [
      'a non-string output_schema',
      () => ({ json: { query: 'x', output_config: { output_schema: { total: 'number' } } } }),
      400,
      /output_schema must be a string/,
    ],
    ['a text value in "files"', () => ({ body: form([['files', 'oops']]) }), 400, /must be a file/],
    [
      'only an empty file input (as browsers send it)',
      () => ({
        body: '--B\r\nContent-Disposition: form-data; name="files"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--B--\r\n',
        headers: { 'content-type': 'multipart/form-data; boundary=B' },
      }),
      400,
      /Nothing to run/,
    ],
    [
      'a file over the size limit',
      () => ({ body: form([['files', new Blob([new Uint8Array(1024 * 1024 + 1)]), 'scan.pdf']]) }),
      400,
      /^File "scan\.pdf" is 1\.0 MB; the limit is 1 MB per file\.$/,
    ],
    [
      'more files than allowed',
      () => ({
        body: form(
          ['1.txt', '2.txt', '3.txt', '4.txt'].map((n): [string, Blob, string] => [
            'files',
            text(n),
            n,
          ]),
        ),
      }),
      400,
      /4 files; the limit is 3 files per run\. File "4\.txt"/,
    ],
    [
      'another content type',
      () => ({ body: 'query=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      /Unsupported Content-Type/,
    ],
    [
      'malformed JSON',
      () => ({ body: '{"query":', headers: { 'content-type': 'application/json' } }),
      400,
      /not valid JSON/,
    ],
  ])('rejects %s', async (_label, build, status, message) => {
    const id = await h.agentId('summarizer');
    const res = await h.request('POST', `/agents/${id}/run`, build());
    expect(res.status).toBe(status);
    expect(res.error).toMatch(message);
    const tasks = await h.get<{ data: unknown[] }>('/tasks');
    expect(tasks.body.data).toHaveLength(0);
  });

  it('answers 400 for a malformed agent id, 404 for an unknown one, 403 for an inactive one', async () => {
    const malformed = await h.post('/agents/not-a-uuid/run', { query: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.error).toMatch(/^Invalid agent_id format/);
    const unknown = await h.post('/agents/00000000-0000-4000-8000-000000000000/run', {
      query: 'x',
    });
    expect(unknown.status).toBe(404);
    const inactive = await h.post(`/agents/${await h.agentId('legacy')}/run`, { query: 'x' });
    expect(inactive.status).toBe(403);
    expect(inactive.error).toMatch(/inactive/);
    // The simulator has no PATCH, so the advice points at the dashboard, not at an endpoint.
    expect(inactive.error).toMatch(/Activate it in the Nanonets dashboard, or run another agent/);
  });

  it('refuses draft and archived versions with 409 naming the published version', async () => {
    const seed = await h.seed();
    const summarizer = seed.summarizer;
    const draft = summarizer?.versions.find((v) => v.status === 'draft')?.id ?? '';
    const archived = summarizer?.versions.find((v) => v.status === 'archived')?.id ?? '';
    for (const id of [draft, archived]) {
      const res = await h.post(`/agents/${id}/run`, { query: 'x' });
      expect(res.status).toBe(409);
      expect(res.error).toContain(summarizer?.published_id ?? 'missing');
      expect(res.error).not.toMatch(/versions\/publish/);
    }
  });

  it('answers 500 and creates no task if an active agent was seeded without a script', async () => {
    const broken = await Harness.start({
      seedAgents: () => [
        {
          key: 'scriptless',
          name: 'Scriptless',
          config: {},
          versions: [
            {
              version_number: 1,
              status: 'published',
              is_active: true,
              system_prompt: '',
              created_minutes_ago: 1,
            },
          ],
        },
      ],
    });
    try {
      const res = await broken.post(`/agents/${await broken.agentId('scriptless')}/run`, {
        query: 'x',
      });
      expect(res.status).toBe(500);
      expect(res.error).toMatch(/"Scriptless" has no script/);
      expect((await broken.get<{ data: unknown[] }>('/tasks')).body.data).toEqual([]);
    } finally {
      await broken.close();
    }
  });
});
