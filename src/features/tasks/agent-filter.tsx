/** `Filter by agent`: one entry per agent (its tasks on every version), and, once `Show drafts and
 *  inactive` is checked, every agent and each version of it grouped under its name. An `<option>`
 *  cannot isolate text, so hidden characters in agent names are spelled out. */
import { useId, useState } from 'react';
import { cn } from '@/lib/cn';
import { visibleText } from '@/lib/reveal-invisibles';
import { agentFilterName, groupAgents, versionLabel, type AgentName } from './task-filter-params';

export interface AgentFilterProps {
  agents: readonly AgentName[];
  /** The URL's `agent`: a version id or an agent's group id; `''` for all. */
  value: string;
  onChange: (agentId: string) => void;
  fieldClassName: string;
  className?: string | undefined;
}

export function AgentFilter({
  agents,
  value,
  onChange,
  fieldClassName,
  className,
}: AgentFilterProps) {
  const [showAll, setShowAll] = useState(false);
  const toggleId = useId();
  const groups = groupAgents(agents, { showAll });
  const offered = groups.some(
    (group) =>
      group.id === value ||
      (showAll && group.versions.length > 1 && group.versions.some((v) => v.id === value)),
  );

  return (
    <div className={cn('flex min-w-0 items-center gap-2', className)}>
      <select
        aria-label="Filter by agent"
        className={`${fieldClassName} min-w-0 flex-1`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">All agents</option>
        {value !== '' && !offered ? (
          <option value={value}>{visibleText(agentFilterName(value, agents))}</option>
        ) : null}
        {groups.map((group) =>
          showAll && group.versions.length > 1 ? (
            <optgroup key={group.id} label={visibleText(group.name)}>
              <option value={group.id}>{visibleText(`${group.name} · all versions`)}</option>
              {group.versions.map((version) => (
                <option key={version.id} value={version.id}>
                  {visibleText(versionLabel(version))}
                </option>
              ))}
            </optgroup>
          ) : (
            <option key={group.id} value={group.id}>
              {visibleText(
                showAll && group.versions[0] && group.versions[0].groupId
                  ? versionLabel(group.versions[0])
                  : group.name,
              )}
            </option>
          ),
        )}
      </select>
      <label
        htmlFor={toggleId}
        className="flex shrink-0 cursor-pointer items-center gap-1.5 text-xs text-muted"
      >
        <input
          id={toggleId}
          type="checkbox"
          className="size-3.5 accent-accent"
          checked={showAll}
          onChange={(event) => setShowAll(event.target.checked)}
        />
        <span aria-hidden="true">Drafts</span>
        <span className="sr-only">Show drafts and inactive</span>
      </label>
    </div>
  );
}
