/** Small API fixtures shared by component tests, shaped like the simulator's seeded agents. */
import type { AgentSummary } from '@/api/schemas';

let counter = 0;

export function agentFixture(overrides: Partial<AgentSummary> = {}): AgentSummary {
  counter += 1;
  return {
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    agent_group_id: `10000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    version_number: 1,
    status: 'published',
    name: `Agent ${counter}`,
    is_active: true,
    created_at: '2026-05-11T10:00:00Z',
    updated_at: '2026-05-11T10:00:00Z',
    ...overrides,
  };
}

export function pageFixture<T>(data: T[], nextCursor: string | null = null) {
  return { data, has_more: nextCursor !== null, next_cursor: nextCursor };
}
