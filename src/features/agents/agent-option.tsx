/** One `option` of the agent picker: name, version, status, why it may not run, and its
 *  description; inactive agents stay listed but `aria-disabled` (focusable, never chosen). */
import type { AgentSummary } from '@/api/schemas';
import { Icon } from '@/components/ui/icon';
import { SafeText } from '@/components/safe-text';
import { cn } from '@/lib/cn';
import {
  agentDescription,
  agentName,
  AgentStatusBadge,
  INACTIVE_REASON,
  isInactive,
  statusHint,
} from './agent-status';

export interface AgentOptionProps {
  id: string;
  agent: AgentSummary;
  /** Visually focused (the input's `aria-activedescendant`). */
  active: boolean;
  /** The picker's current value. */
  chosen: boolean;
  onChoose: (agent: AgentSummary) => void;
}

export function AgentOption({ id, agent, active, chosen, onChoose }: AgentOptionProps) {
  const hint = statusHint(agent.status);
  const disabled = isInactive(agent);
  const description = agentDescription(agent);
  return (
    <li
      id={id}
      role="option"
      // APG (list autocomplete): the visually focused option is the selected one.
      aria-selected={active}
      aria-disabled={disabled || undefined}
      aria-describedby={description ? `${id}d` : undefined}
      onClick={() => {
        if (!disabled) onChoose(agent);
      }}
      className={cn(
        'flex flex-wrap items-center gap-x-2 gap-y-0.5 px-3 py-2 text-sm',
        active ? 'bg-accent/10' : 'hover:bg-surface-muted',
        disabled ? 'cursor-not-allowed text-muted' : 'cursor-pointer text-text',
      )}
    >
      <Icon name="check-circle" className={cn('text-accent', !chosen && 'invisible')} />
      <span className="min-w-0 flex-1 truncate font-medium">
        <SafeText text={agentName(agent)} />
      </span>
      {agent.version_number !== undefined ? (
        <span className="text-muted tabular-nums">v{agent.version_number}</span>
      ) : null}
      <AgentStatusBadge status={agent.status} inactive={disabled} />
      {disabled || hint ? (
        <span className="w-full pl-6 text-xs text-muted">
          {[disabled && INACTIVE_REASON, hint].filter(Boolean).join(' · ')}
        </span>
      ) : null}
      {description ? (
        <span
          id={`${id}d`}
          aria-hidden="true"
          className="line-clamp-2 w-full pl-6 text-xs text-muted"
        >
          <SafeText text={description} />
        </span>
      ) : null}
    </li>
  );
}
