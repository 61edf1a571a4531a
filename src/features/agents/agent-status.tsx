/**
 * How an agent version's lifecycle reads everywhere in the console: one badge label and tone per
 * status, and the short reasons a version may not run. The picker and the details panel say the
 * same words, so what someone reads in the list is what they read after choosing.
 */
import type { AgentStatus } from '@/api/schemas';
import { Badge, type BadgeTone } from '@/components/ui/badge';

const STATUS_BADGE: Readonly<Record<AgentStatus, { label: string; tone: BadgeTone }>> = {
  published: { label: 'Published', tone: 'success' },
  draft: { label: 'Draft', tone: 'accent' },
  archived: { label: 'Archived', tone: 'neutral' },
};

/** Drafts and archived versions can be chosen, but the API refuses to run them (409 in the
 *  simulator); the hint says so before the person fills in the rest of the form. */
export const STATUS_HINT: Readonly<Partial<Record<AgentStatus, string>>> = {
  draft: 'draft — publish before running',
  archived: 'archived — superseded',
};

/** Why an inactive agent (`is_active: false`) cannot be chosen: the API answers its runs 403. */
export const INACTIVE_REASON = 'Inactive — runs are refused';

export function AgentStatusBadge({ status }: { status: AgentStatus }) {
  const badge = STATUS_BADGE[status];
  return <Badge tone={badge.tone}>{badge.label}</Badge>;
}
