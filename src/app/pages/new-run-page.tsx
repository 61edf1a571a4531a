/** `/`: New run. Composes the agents feature (picker, details) with the run feature (the form) and
 *  takes a started run to its task page with the task already in the cache. */
import { Suspense, useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useLocation, useSearchParams } from 'wouter';
import { AgentPicker } from '@/features/agents/agent-picker';
import { AgentRunRefusal } from '@/features/agents/agent-run-refusal';
import { runRefusal } from '@/features/agents/agent-status';
import { agentQueries } from '@/features/agents/agents-queries';
import { useSelectedAgent } from '@/features/agents/use-selected-agent';
import { backendQueries } from '@/features/backend/backend-queries';
import { RunForm } from '@/features/run/run-form';
import { PageTitle } from '@/features/tasks/page-title';
import { rememberComparePair } from '@/lib/compare-pairs';
import { lazyComponent } from '@/lib/lazy-component';
import { taskInputsOf } from '@/lib/task-inputs';
import { PanelErrorBoundary } from '@/components/error-boundary';

/** Where "Copy as curl" points: the real API, also when the console runs on the simulator,
 *  because that is where a pasted command is meant to run. */
const DEFAULT_API_BASE_URL = 'https://agents.nanonets.com';

// Needed only once an agent is chosen; loading it then keeps it off the first page's budget.
// Its own boundary: if it cannot be fetched, the form around it stays as it is.
const AgentDetails = lazyComponent(() =>
  import('@/features/agents/agent-details').then((module) => module.AgentDetails),
);

// `Run on another version`: the version picker, loaded only when a task page asks for it.
const AnotherVersion = lazyComponent(() =>
  import('./another-version').then((module) => module.AnotherVersion),
);

export function NewRunPage() {
  const { agentId, setAgentId } = useSelectedAgent();
  const [params, setParams] = useSearchParams();
  const rerunOf = params.get('rerun');
  const rerunInputs = rerunOf ? taskInputsOf(rerunOf) : undefined;
  // The task a run started here is compared with (`Run on another version`).
  const compareWith = params.get('compareWith');
  const agent = useQuery({ ...agentQueries.detail(agentId ?? ''), enabled: agentId !== null });
  const backend = useQuery(backendQueries.info());
  const [, navigate] = useLocation();

  const refusalId = useId();
  // A draft, archived or inactive version: `Run` refuses with the reason before any request.
  const agentProblem = agent.data ? runRefusal(agent.data) : null;
  const apiBaseUrl =
    backend.data?.mode === 'upstream' && backend.data.baseUrl
      ? backend.data.baseUrl
      : DEFAULT_API_BASE_URL;

  return (
    <div className="mx-auto max-w-4xl space-y-6 xl:max-w-6xl">
      <PageTitle page="New run" />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">New run</h1>
        <p className="text-muted">
          Choose an agent, hand it documents, and say what you need back.
        </p>
      </header>
      <PanelErrorBoundary label="The run form">
        <RunForm
          agentId={agentId}
          agentProblem={agentProblem}
          apiBaseUrl={apiBaseUrl}
          fileLimits={backend.data?.limits}
          agentField={(field) => (
            <>
              {compareWith ? (
                <PanelErrorBoundary label="The version picker" resetKeys={[compareWith]}>
                  <Suspense fallback={null}>
                    <AnotherVersion taskId={compareWith} agentId={agentId} onChange={setAgentId} />
                  </Suspense>
                </PanelErrorBoundary>
              ) : null}
              <AgentPicker
                value={agentId}
                onChange={setAgentId}
                invalid={field.invalid}
                aria-describedby={
                  [field.describedBy, agentProblem && refusalId].filter(Boolean).join(' ') ||
                  undefined
                }
              />
              {agentId ? (
                <AgentRunRefusal id={refusalId} agentId={agentId} onSwitch={setAgentId} />
              ) : null}
              {agentId ? (
                <PanelErrorBoundary label="The agent’s details" resetKeys={[agentId]}>
                  <Suspense fallback={null}>
                    <AgentDetails agentId={agentId} />
                  </Suspense>
                </PanelErrorBoundary>
              ) : null}
            </>
          )}
          prefill={rerunOf && rerunInputs ? { key: rerunOf, inputs: rerunInputs } : undefined}
          onPrefilled={() =>
            setParams(
              (previous) => {
                const next = new URLSearchParams(previous);
                next.delete('rerun');
                return next;
              },
              { replace: true },
            )
          }
          // The layout moves focus to the task page's heading on arrival.
          onStarted={({ run }) => {
            if (compareWith) rememberComparePair(run.task_id, compareWith);
            navigate(`/tasks/${encodeURIComponent(run.task_id)}`);
          }}
          agentLabel={
            agent.data ? { name: agent.data.name, version: agent.data.version_number } : undefined
          }
          onBatchStarted={(batchId) => navigate(`/batches/${encodeURIComponent(batchId)}`)}
        />
      </PanelErrorBoundary>
    </div>
  );
}
