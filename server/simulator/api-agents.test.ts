import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentJson, AgentSummaryJson, PageJson } from './model';
import { Harness, match, type ApiResponse } from './test-harness';

let h: Harness;
beforeEach(async () => {
  h = await Harness.start();
});
afterEach(async () => {
  await h.close();
});

type AgentPage = PageJson<AgentSummaryJson>;

async function walk(
  path: string,
  limit: number,
): Promise<{ rows: AgentSummaryJson[]; pages: number }> {
  const rows: AgentSummaryJson[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: ApiResponse<AgentPage> = await h.get<AgentPage>(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    expect(res.body.has_more).toBe(res.body.next_cursor !== null);
    rows.push(...res.body.data);
    cursor = res.body.next_cursor;
    pages += 1;
  } while (cursor !== null && pages < 100);
  return { rows, pages };
}

describe('GET /agents', () => {
  it('lists one row per version, newest first, hiding archived versions by default', async () => {
    const res = await h.get<AgentPage>('/agents');
    expect(res.status).toBe(200);
    const rows = res.body.data;
    expect(res.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(rows.every((row) => row.status !== 'archived')).toBe(true);
    expect(
      rows.filter((row) => row.name === 'Document Summarizer').map((r) => r.version_number),
    ).toEqual([3, 2]);
    const times = rows.map((row) => Date.parse(row.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rows[0]).toEqual({
      id: match.string(),
      agent_group_id: match.string(),
      version_number: 3,
      status: 'draft',
      name: 'Document Summarizer',
      is_active: true,
      created_at: match.iso(),
      updated_at: match.iso(),
    });
    expect(rows[0]).not.toHaveProperty('config');
  });

  it('filters by status list and by case-insensitive name substring', async () => {
    const archived = await h.get<AgentPage>('/agents?status=archived');
    expect(archived.body.data.map((r) => [r.name, r.version_number])).toEqual([
      ['Document Summarizer', 1],
    ]);
    const all = await h.get<AgentPage>('/agents?status=draft,published,archived');
    expect(all.body.data).toHaveLength(8);
    const q = await h.get<AgentPage>('/agents?q=SUMMAR&status=published,archived');
    expect(q.body.data.map((r) => r.version_number)).toEqual([2, 1]);
  });

  it('walks every page with small limits without duplicates or gaps', async () => {
    const { rows, pages } = await walk('/agents?status=draft,published,archived', 3);
    expect(pages).toBe(3);
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r.id)).size).toBe(8);
    const single = await walk('/agents?status=draft,published,archived', 1);
    expect(single.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
  });

  it('keeps pages stable when an agent is created mid-walk', async () => {
    const first = await h.get<AgentPage>('/agents?limit=2');
    await h.post('/agents', { name: 'Brand New' });
    const second = await h.get<AgentPage>(
      `/agents?limit=100&cursor=${first.body.next_cursor ?? ''}`,
    );
    const ids = [...first.body.data, ...second.body.data].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(7);
    expect(second.body.data.some((r) => r.name === 'Brand New')).toBe(false);
  });

  it.each([
    ['limit=0', /limit/],
    ['limit=101', /limit/],
    ['limit=abc', /limit/],
    ['status=deleted', /status.*"deleted"/],
    ['cursor=not-a-cursor', /cursor/],
    [`cursor=${Buffer.from('{"k":"tasks","t":1,"s":1}').toString('base64url')}`, /cursor/],
  ])('answers 400 for %s', async (query, message) => {
    const res = await h.get(`/agents?${query}`);
    expect(res.status).toBe(400);
    expect(res.error).toMatch(message);
  });
});

describe('POST /agents', () => {
  it('creates a published, active version 1 with default tools (201)', async () => {
    const res = await h.post<AgentJson>('/agents', {
      name: 'Tax Helper',
      system_prompt: 'Be brief.',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Tax Helper',
      version_number: 1,
      status: 'published',
      is_active: true,
      config: { system_prompt: 'Be brief.', tools: match.array() },
    });
    expect(res.body.agent_group_id).not.toBe(res.body.id);
    const got = await h.get<AgentJson>(`/agents/${res.body.id}`);
    expect(got.body).toEqual(res.body);
  });

  it('names unnamed agents "Untitled Agent N" and accepts an empty body', async () => {
    const a = await h.request<AgentJson>('POST', '/agents');
    const b = await h.post<AgentJson>('/agents', {});
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.name, b.body.name]).toEqual(['Untitled Agent 1', 'Untitled Agent 2']);
  });

  it('keeps config.system_prompt over the shortcut on create', async () => {
    const res = await h.post<AgentJson>('/agents', {
      name: 'Precedence',
      system_prompt: 'shortcut',
      config: { system_prompt: 'from config', model: 'x' },
    });
    expect(res.body.config).toEqual({ system_prompt: 'from config', model: 'x' });
  });

  it('answers 409 for a duplicate name (case-insensitive) and 400/415 for bad bodies', async () => {
    const dup = await h.post('/agents', { name: 'invoice extractor' });
    expect(dup.status).toBe(409);
    expect(dup.error).toMatch(/already exists/);
    expect((await h.post('/agents', { name: 42 })).status).toBe(400);
    expect((await h.post('/agents', { config: 'nope' })).status).toBe(400);
    const badJson = await h.request('POST', '/agents', {
      body: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.error).toMatch(/not valid JSON/);
    const text = await h.request('POST', '/agents', {
      body: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });
});

describe('GET/PATCH /agents/{id}', () => {
  it('returns the full agent with config, 404 for an unknown id and 400 for a malformed one', async () => {
    const seed = await h.seed();
    const id = seed.summarizer?.published_id ?? '';
    const res = await h.get<AgentJson>(`/agents/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version_number: 2, status: 'published' });
    expect(typeof res.body.config.system_prompt).toBe('string');
    const upper = await h.get<AgentJson>(`/agents/${id.toUpperCase()}`);
    expect(upper.body.id).toBe(id);
    const missing = await h.get('/agents/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const malformed = await h.get('/agents/abc');
    expect(malformed.status).toBe(400);
    expect(malformed.error).toMatch(/^Invalid agent_id format/);
  });

  it('replaces config wholesale, overlays system_prompt after it and toggles is_active in place', async () => {
    const created = await h.post<AgentJson>('/agents', {
      name: 'Patchable',
      config: { a: 1, system_prompt: 'old' },
    });
    const id = created.body.id;
    h.advance(5_000);
    const res = await h.patch<AgentJson>(`/agents/${id}`, {
      config: { b: 2, system_prompt: 'from config' },
      system_prompt: 'overlay',
      is_active: false,
    });
    expect(res.status).toBe(200);
    expect(res.body.config).toEqual({ b: 2, system_prompt: 'overlay' });
    expect(res.body).toMatchObject({ is_active: false, version_number: 1, status: 'published' });
    expect(Date.parse(res.body.updated_at)).toBeGreaterThan(Date.parse(res.body.created_at));
    const prompt = await h.patch<AgentJson>(`/agents/${id}`, { system_prompt: 'only prompt' });
    expect(prompt.body.config).toEqual({ b: 2, system_prompt: 'only prompt' });
    const versions = await h.get<{ data: unknown[] }>(`/agents/${id}/versions`);
    expect(versions.body.data).toHaveLength(1);
  });

  it('renames the whole group and refuses names of other agents', async () => {
    const seed = await h.seed();
    const id = seed.summarizer?.versions[0]?.id ?? '';
    const renamed = await h.patch<AgentJson>(`/agents/${id}`, { name: 'Doc Digest' });
    expect(renamed.body.name).toBe('Doc Digest');
    const versions = await h.get<{ data: AgentSummaryJson[] }>(`/agents/${id}/versions`);
    expect(versions.body.data.map((v) => v.name)).toEqual([
      'Doc Digest',
      'Doc Digest',
      'Doc Digest',
    ]);
    const clash = await h.patch(`/agents/${id}`, { name: 'Ledger Sync' });
    expect(clash.status).toBe(409);
  });

  it.each([
    [{ name: '' }, /name/],
    [{ is_active: 'yes' }, /is_active/],
    [{ config: [] }, /config/],
    [{ system_prompt: 5 }, /system_prompt/],
    [{ status: 'published' }, /read-only/],
  ])('answers 400 for %j and changes nothing', async (body, message) => {
    const seed = await h.seed();
    const id = seed.invoice?.published_id ?? '';
    const before = await h.get<AgentJson>(`/agents/${id}`);
    const res = await h.patch(`/agents/${id}`, body);
    expect(res.status).toBe(400);
    expect(res.error).toMatch(message);
    expect((await h.get<AgentJson>(`/agents/${id}`)).body).toEqual(before.body);
  });
});

describe('versions and publish', () => {
  it('lists the whole group newest first from any version id', async () => {
    const seed = await h.seed();
    const archivedId = seed.summarizer?.versions.find((v) => v.status === 'archived')?.id ?? '';
    const res = await h.get<{ data: AgentSummaryJson[] }>(`/agents/${archivedId}/versions`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((v) => [v.version_number, v.status])).toEqual([
      [3, 'draft'],
      [2, 'published'],
      [1, 'archived'],
    ]);
    expect(res.body).not.toHaveProperty('has_more');
  });

  it('publishes the draft, archives the previous published version, then answers 409', async () => {
    const seed = await h.seed();
    const v2 = seed.summarizer?.published_id ?? '';
    const res = await h.post<AgentSummaryJson>(`/agents/${v2}/versions/publish`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version_number: 3, status: 'published' });
    const versions = await h.get<{ data: AgentSummaryJson[] }>(`/agents/${v2}/versions`);
    expect(versions.body.data.map((v) => v.status)).toEqual(['published', 'archived', 'archived']);
    const again = await h.post(`/agents/${v2}/versions/publish`);
    expect(again.status).toBe(409);
    expect(again.error).toMatch(/no draft/);
  });

  it('answers 409 for a group that never had a draft', async () => {
    const res = await h.post(`/agents/${await h.agentId('invoice')}/versions/publish`);
    expect(res.status).toBe(409);
  });
});
