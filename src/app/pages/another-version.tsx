/** The New run form's `Run on another version` part (`?compareWith=<task id>`): the version picker
 *  over the original task's agent, loaded only when asked for so the first page does not carry it. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { Alert } from '@/components/ui/alert';
import { lacksRowFields } from '@/entities/task/cache';
import { taskQueries } from '@/entities/task/queries';
import { AgentVersionPicker } from '@/features/agents/agent-version-picker';
import { taskInputsOf } from '@/lib/task-inputs';

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
  // The form is filled from what this browser sent (`Run again`'s prefill); the API's own
  // account of a task's inputs can be partial, so it is shown on the task's page, not guessed.
  const unrecorded = taskInputsOf(taskId) === undefined;
  return (
    <div className="space-y-3">
      {originalAgentId ? (
        <AgentVersionPicker originalAgentId={originalAgentId} value={agentId} onChange={onChange} />
      ) : null}
      {unrecorded ? (
        <Alert tone="info" title="Fill in the inputs">
          This browser did not start the original task, so the form could not be filled with what it
          was given.{' '}
          <Link
            href={`/tasks/${encodeURIComponent(taskId)}`}
            className="font-medium text-accent underline underline-offset-2"
          >
            Its page
          </Link>{' '}
          shows its Run inputs as the API tells them.
        </Alert>
      ) : null}
    </div>
  );
}
