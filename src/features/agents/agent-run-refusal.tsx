/** Beside the picker: why the chosen version cannot run, and a one-click switch to the published,
 *  active version of the same agent (same `agent_group_id`) when there is one. */
import { useQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { isInactive, runRefusal } from './agent-status';
import { agentQueries } from './agents-queries';

export function AgentRunRefusal({
  id,
  agentId,
  onSwitch,
}: {
  /** For the picker's `aria-describedby`. */
  id: string;
  agentId: string;
  onSwitch: (agentId: string) => void;
}) {
  const { data: agent } = useQuery(agentQueries.detail(agentId));
  const reason = agent ? runRefusal(agent) : null;
  const { data: published } = useQuery({
    ...agentQueries.published(agent?.name),
    enabled: reason !== null,
    select: (page) =>
      page.data.find(
        (other) =>
          other.agent_group_id === agent?.agent_group_id &&
          other.id !== agentId &&
          other.status === 'published' &&
          !isInactive(other),
      ),
  });
  if (!reason) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
      <p id={id} className="text-sm font-medium text-danger">
        {reason}
      </p>
      {published ? (
        <Button
          type="button"
          onClick={(event) => {
            // The button goes away with the refusal: focus stays on the field it changed.
            event.currentTarget.form?.querySelector<HTMLElement>('[role="combobox"]')?.focus();
            onSwitch(published.id);
          }}
        >
          Switch to the published version
          {published.version_number === undefined ? '' : ` (v${published.version_number})`}
        </Button>
      ) : null}
    </div>
  );
}
