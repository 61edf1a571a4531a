/** `/compare?a=<task id>&b=<task id>`: two tasks side by side and their extracted data field by
 *  field. Either id may be missing (it asks for it) or unknown to the API (that side says so and
 *  offers another). Live tasks join the one live refresh; nothing here polls. */
import { useSearchParams } from 'wouter';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { useLiveDemand } from '@/entities/task/hooks';
import { isTerminal } from '@/entities/task/status';
import { compareFileBase } from './compare-format';
import { CompareSide, type AgentLabelComponent } from './compare-side';
import { Differences } from './differences';
import { TaskChooser } from './task-chooser';
import { useComparedTask, type ComparedTask } from './use-compared-task';

export interface CompareViewProps {
  agentLabel?: AgentLabelComponent | undefined;
}

function useCompareParams() {
  const [params, setParams] = useSearchParams();
  const a = params.get('a')?.trim() ?? '';
  const b = params.get('b')?.trim() ?? '';
  const set = (next: { a?: string; b?: string }) =>
    setParams(
      (previous) => {
        const url = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(next)) {
          if (value) url.set(key, value);
          else url.delete(key);
        }
        return url;
      },
      { replace: false },
    );
  return { a, b, set };
}

export function CompareView({ agentLabel }: CompareViewProps) {
  const { a, b, set } = useCompareParams();
  if (a && b) return <Comparison a={a} b={b} agentLabel={agentLabel} onChange={set} />;
  if (a || b) {
    return (
      <ChooseOther
        known={a || b}
        side={a ? 'Left' : 'Right'}
        agentLabel={agentLabel}
        onChoose={(taskId) => set(a ? { b: taskId } : { a: taskId })}
      />
    );
  }
  return (
    <div className="space-y-4">
      <Alert tone="info" title="Choose two tasks">
        Pick the first task (the left side), then the one to compare it with.
      </Alert>
      <div className="max-w-2xl rounded-lg border border-border bg-surface p-4">
        <TaskChooser
          exclude={[]}
          listLabel="Recent tasks"
          idLabel="First task (id or link)"
          onChoose={(taskId) => set({ a: taskId })}
        />
      </div>
    </div>
  );
}

/** One id: that task on its side, and beside it what to compare it with. */
function ChooseOther({
  known,
  side,
  agentLabel,
  onChoose,
}: {
  known: string;
  side: 'Left' | 'Right';
  agentLabel: AgentLabelComponent | undefined;
  onChoose: (taskId: string) => void;
}) {
  const compared = useComparedTask(known);
  const agentId = compared.task?.agent_id;
  useLiveDemand(compared.task && !isTerminal(compared.task.status) ? [known] : []);
  const knownSide = <CompareSide side={side} compared={compared} agentLabel={agentLabel} />;
  const chooser = (
    <section
      aria-label="Choose a task to compare with"
      className="min-w-0 space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <h2 className="text-lg font-semibold">Choose a task to compare with</h2>
      {/* Once the known task is read, so its agent's tasks are the ones offered. */}
      {compared.task || compared.error ? (
        <TaskChooser
          exclude={[known]}
          agentId={agentId}
          listLabel={agentId ? 'Recent tasks of the same agent' : 'Recent tasks'}
          idLabel="Task to compare with (id or link)"
          onChoose={onChoose}
        />
      ) : (
        <div aria-busy="true" className="space-y-1.5">
          <p className="sr-only">Loading recent tasks…</p>
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      )}
    </section>
  );
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {side === 'Left' ? knownSide : chooser}
      {side === 'Left' ? chooser : knownSide}
    </div>
  );
}

function sideNote(label: string, compared: ComparedTask): string | undefined {
  switch (compared.extractedState) {
    case 'waiting':
      return `${label} is still running: its extracted data appears here when it finishes.`;
    case 'none':
      return `${label} has no extracted data to compare.`;
    case 'error':
      return `${label}’s answer could not be read, so its extracted data is not known.`;
    default:
      return undefined;
  }
}

function Comparison({
  a,
  b,
  agentLabel,
  onChange,
}: {
  a: string;
  b: string;
  agentLabel: AgentLabelComponent | undefined;
  onChange: (next: { a?: string; b?: string }) => void;
}) {
  const left = useComparedTask(a);
  const right = useComparedTask(b);
  // Live tasks ride on the lists' one live refresh: no poller of their own.
  useLiveDemand(
    [left, right]
      .filter((side) => side.task !== undefined && !isTerminal(side.task.status))
      .map((side) => side.taskId),
  );

  // Offered once the other side is known, so its agent's tasks are the ones read.
  const chooserFor = (side: 'a' | 'b', other: ComparedTask) =>
    other.task === undefined && !other.error ? null : (
      <TaskChooser
        exclude={[other.taskId]}
        agentId={other.task?.agent_id}
        listLabel={other.task?.agent_id ? 'Recent tasks of the other task’s agent' : 'Recent tasks'}
        idLabel="Another task (id or link)"
        onChoose={(taskId) => onChange({ [side]: taskId })}
      />
    );

  const notes = [sideNote('The left task', left), sideNote('The right task', right)].filter(
    (note): note is string => note !== undefined,
  );
  const loading = [left, right].some((side) => side.extractedState === 'loading');
  const bothReady = left.extractedState === 'ready' && right.extractedState === 'ready';

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => onChange({ a: b, b: a })}>
          Swap sides
        </Button>
        {a === b ? <p className="text-sm text-muted">Both sides are the same task.</p> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <CompareSide
          side="Left"
          compared={left}
          agentLabel={agentLabel}
          otherInputs={right.inputs.view}
          chooser={chooserFor('a', right)}
        />
        <CompareSide
          side="Right"
          compared={right}
          agentLabel={agentLabel}
          otherInputs={left.inputs.view}
          chooser={chooserFor('b', left)}
        />
      </div>
      {bothReady ? (
        <Differences
          left={left.extracted}
          right={right.extracted}
          fileBase={compareFileBase(a, b)}
        />
      ) : (
        <section
          aria-label="Differences"
          className="space-y-2 rounded-lg border border-border bg-surface p-4"
        >
          <h2 className="text-lg font-semibold">Differences</h2>
          {notes.map((note) => (
            <p key={note} className="text-sm text-muted">
              {note}
            </p>
          ))}
          {loading && left.task && right.task ? (
            <div aria-busy="true" className="space-y-2">
              <p className="sr-only">Loading the extracted data…</p>
              <Skeleton className="h-4 w-2/3" />
              <Skeleton className="h-4 w-1/2" />
            </div>
          ) : null}
          {!left.task || !right.task ? (
            <p className="text-sm text-muted">
              Field-by-field differences show once both tasks are known.
            </p>
          ) : null}
        </section>
      )}
    </div>
  );
}
