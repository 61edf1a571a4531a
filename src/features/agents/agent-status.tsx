/** How an agent version's lifecycle reads everywhere: one badge label and tone per status, and the
 *  reasons a version may not run. An unknown status shows as sent ("Unknown (retired)"). */
import { AGENT_STATUSES, type AgentStatus, type AgentSummary } from '@/api/schemas';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_BADGE: Readonly<Record<AgentStatus, { label: string; tone: BadgeTone }>> = {
  published: { label: 'Published', tone: 'success' },
  draft: { label: 'Draft', tone: 'accent' },
  archived: { label: 'Archived', tone: 'neutral' },
};

/** Drafts and archived versions can be chosen, but the API refuses to run them (409 in the
 *  simulator); the hint says so before the person fills in the rest of the form. */
const STATUS_HINT: Readonly<Partial<Record<AgentStatus, string>>> = {
  draft: 'draft — publish before running',
  archived: 'archived — superseded',
};

/** Why an inactive agent (`is_active: false`) cannot be chosen: the API answers its runs 403. */
export const INACTIVE_REASON = 'Inactive — runs are refused';

function isAgentStatus(status: string | undefined): status is AgentStatus {
  return (AGENT_STATUSES as readonly (string | undefined)[]).includes(status);
}

export function statusHint(status: string | undefined): string | undefined {
  return isAgentStatus(status) ? STATUS_HINT[status] : undefined;
}

/** Only an explicit `false` refuses: when the API does not say, it decides at run time. */
export function isInactive(agent: Pick<AgentSummary, 'is_active'>): boolean {
  return agent.is_active === false;
}

/** The agent's name, or a stand-in naming its id when the API sent none. */
export function agentName(agent: Pick<AgentSummary, 'id' | 'name'>): string {
  return agent.name ?? `Unnamed agent (${agent.id})`;
}

/** What the agent is for, where the API says: `description`, or `summary` as some backends name
 *  it (fields the schema passes through untyped); blank or any other type reads as none. */
export function agentDescription(agent: object): string | undefined {
  const { description, summary } = agent as { description?: unknown; summary?: unknown };
  const text = typeof description === 'string' && description.trim() ? description : summary;
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
}

/** Why this version cannot be run, or null: said beside the picker and under `Run`, before any
 *  request (the API would answer 409 for a draft or archived version, 403 for an inactive one). */
export function runRefusal(agent: Pick<AgentSummary, 'status' | 'is_active'>): string | null {
  if (agent.status === 'draft' || agent.status === 'archived') {
    return `This is ${agent.status === 'draft' ? 'a draft' : 'an archived'} version; only published versions run.`;
  }
  return isInactive(agent) ? 'This agent is inactive, so runs are refused.' : null;
}

/** An inactive version never reads as a green `Published`: it cannot run. */
export function AgentStatusBadge({
  status,
  inactive,
}: {
  status: string | undefined;
  inactive?: boolean | undefined;
}) {
  if (status === undefined) return null;
  const badge = isAgentStatus(status)
    ? STATUS_BADGE[status]
    : { label: `Unknown (${status})`, tone: 'neutral' as const };
  return inactive && status === 'published' ? (
    <Badge tone="warning">Published, inactive</Badge>
  ) : (
    <Badge tone={badge.tone}>{badge.label}</Badge>
  );
}
