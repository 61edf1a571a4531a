/**
 * The start page. For now it shows the agents a run can use; the run form (agent picker, query,
 * files, output schema) replaces the note with the next issue.
 */
import { useId } from 'react';
import { AgentList } from '@/features/agents/agent-list';
import { PanelErrorBoundary } from '../error-boundary';

export function NewRunPage() {
  const agentsHeadingId = useId();
  return (
    <div className="space-y-6">
      <title>New run · Agent Console</title>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">New run</h1>
        <p className="text-muted">
          The run form arrives with the next issue. Until then, these are the agents it will let you
          run.
        </p>
      </header>
      <section aria-labelledby={agentsHeadingId} className="space-y-3">
        <h2 id={agentsHeadingId} className="text-lg font-semibold">
          Agents
        </h2>
        <PanelErrorBoundary label="The agent list">
          <AgentList />
        </PanelErrorBoundary>
      </section>
    </div>
  );
}
