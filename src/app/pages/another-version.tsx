/** The New run form's `Run on another version` part (`?compareWith=<task id>`): the version picker
 *  over the original task's agent, loaded only when asked for so the first page does not carry it. */
import { useQuery } from '@tanstack/react-query';
import { lacksRowFields } from '@/entities/task/cache';
import { taskQueries } from '@/entities/task/queries';
import { AgentVersionPicker } from '@/features/agents/agent-version-picker';

export interface AnotherVersionProps {
  /** The task whose inputs fill the form; the new run is compared with it. */
  taskId: string;
  agentId: string | null;
  onChange: (agentId: string) => void;
}

export function AnotherVersion({ taskId, agentId, onChange }: AnotherVersionProps) {
  const task = useQuery({
    ...taskQueries.detail(taskId),
    enabled: (query) => lacksRowFields(query.state.data),
    refetchOnWindowFocus: false,
  });
  const originalAgentId = task.data?.agent_id ?? agentId;
  if (!originalAgentId) return null;
  return (
    <AgentVersionPicker originalAgentId={originalAgentId} value={agentId} onChange={onChange} />
  );
}
