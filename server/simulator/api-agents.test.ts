import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentJson, AgentSummaryJson, PageJson } from './present';
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
    const times = rows.map((row) => Date.parse(row.created_at ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rows[0]).toEqual({
      id: match.string(),
      agent_group_id: match.string(),
      version_number: 3,
      status: 'draft',
      name: 'Document Summarizer',
      description: match.string(),
      is_active: true,
      created_at: match.iso(),
      updated_at: match.iso(),
    });
    expect(rows[0]).not.toHaveProperty('config');
    // `description` only where the seed gives one: the trace stress test has none.
    const bare = rows.find((row) => row.name === 'Trace Stress Test');
    expect(bare).toBeDefined();
    expect(bare).not.toHaveProperty('description');
  });

  it('filters by status list and by case-insensitive name substring', async () => {
    const archived = await h.get<AgentPage>('/agents?status=archived');
    expect(archived.body.data.map((r) => [r.name, r.version_number])).toEqual([
      ['Document Summarizer', 1],
    ]);
    const all = await h.get<AgentPage>('/agents?status=draft,published,archived');
    expect(all.body.data).toHaveLength(9);
    const q = await h.get<AgentPage>('/agents?q=SUMMAR&status=published,archived');
    expect(q.body.data.map((r) => r.version_number)).toEqual([2, 1]);
  });

  it('walks every page with small limits without duplicates or gaps', async () => {
    const { rows, pages } = await walk('/agents?status=draft,published,archived', 3);
    expect(pages).toBe(3);
    expect(rows).toHaveLength(9);
    expect(new Set(rows.map((r) => r.id)).size).toBe(9);
    const single = await walk('/agents?status=draft,published,archived', 1);
    expect(single.rows.map((r) => r.id)).toEqual(rows.map((r) => r.id));
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

describe('GET /agents/{id}', () => {
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
});

describe('agent write endpoints', () => {
  it('are not served: unknown methods answer 405 and unknown paths 404, in the envelope', async () => {
    const id = await h.agentId('summarizer');
    const create = await h.post('/agents', { name: 'Tax Helper' });
    expect(create.status).toBe(405);
    expect(create.headers.get('allow')).toBe('GET, HEAD');
    expect(create.error).toMatch(/POST is not allowed on \/api\/v1\/agents\b/);
    const patch = await h.request('PATCH', `/agents/${id}`, { json: { is_active: false } });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET, HEAD');
    for (const [method, path] of [
      ['GET', `/agents/${id}/versions`],
      ['POST', `/agents/${id}/versions/publish`],
    ] as const) {
      const res = await h.request(method, path);
      expect(res.status).toBe(404);
      expect(res.error).toMatch(/^No route /);
    }
    const names = (await h.get<AgentPage>('/agents')).body.data.map((r) => r.name);
    expect(names).not.toContain('Tax Helper');
    expect((await h.get<AgentJson>(`/agents/${id}`)).body.is_active).toBe(true);
  });
});
