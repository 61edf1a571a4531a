/** `/compare?a=…&b=…`: two tasks side by side and their extracted data field by field. The
 *  agents feature names each side's agent and version; features never import each other, so the
 *  page hands it to the compare view. */
import { useQuery } from '@tanstack/react-query';
import { SafeText } from '@/components/safe-text';
import { agentName } from '@/features/agents/agent-status';
import { agentQueries } from '@/features/agents/agents-queries';
import { CompareView } from '@/features/compare/compare-view';
import { PageTitle } from '@/features/tasks/page-title';
import { PanelErrorBoundary } from '@/components/error-boundary';

/** `Invoice Extractor · v2`, from the agent's own read (kept a minute, shared with every page). */
function AgentVersionLabel({ agentId, fallback }: { agentId: string; fallback: string }) {
  const agent = useQuery(agentQueries.detail(agentId));
  const name = agent.data ? agentName(agent.data) : fallback;
  const version = agent.data?.version_number;
  return (
    <span>
      <SafeText text={name} />
      {version !== undefined ? (
        <span className="text-muted tabular-nums"> · v{version}</span>
      ) : agent.isError ? (
        <span className="text-muted"> · version not known</span>
      ) : null}
    </span>
  );
}

export function ComparePage() {
  return (
    <div className="space-y-6">
      <PageTitle page="Compare" />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Compare tasks</h1>
        <p className="text-muted">
          Two tasks side by side: what each was given, how it went, and what each extracted.
        </p>
      </header>
      <PanelErrorBoundary label="The comparison">
        <CompareView agentLabel={AgentVersionLabel} />
      </PanelErrorBoundary>
    </div>
  );
}
