/** A loaded trace: whole-trace actions, the live step, the timeline, a sticky toolbar (search,
 *  step types, first/last) and the steps; each part drawing server data has its own error boundary. */
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type ReactNode,
  type RefObject,
} from 'react';
import type { TaskListItem } from '@/api/schemas';
import type { TaskResult } from '@/api/results';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { Button } from '@/components/ui/button';
import { isTerminal } from '@/entities/task/status';
import { cn } from '@/lib/cn';
import { copyText } from '@/lib/clipboard';
import { downloadJson, taskFileBase } from '@/lib/download';
import { formatBytes } from '@/lib/format';
import { firstAfterStop } from './after-stop';
import { stepLink } from './deep-link';
import { LiveStep, stepInProgress } from './live-step';
import type { NormalizedFeed } from './normalize';
import { traceToMarkdown, utf8Length } from './trace-markdown';
import { TraceList } from './trace-list';
import { StepTypeFilter, TraceSearch } from './trace-search';
import { TraceTimeline } from './trace-timeline';
import { useTraceState } from './use-trace-state';

export interface TraceViewProps {
  taskId: string;
  task: TaskListItem;
  result: TaskResult;
  feed: NormalizedFeed;
  /** The Live switch and any note about freshness, from the container. */
  liveControl?: ReactNode;
  /** When a stopped task stopped (epoch ms), if known: later steps are set apart. */
  stoppedAt?: number | undefined;
}

/** The toolbar's height, kept current, so a step brought into view is not hidden under it. */
function useHeight(element: RefObject<HTMLElement | null>): number {
  const [height, setHeight] = useState(0);
  useEffect(() => {
    const node = element.current;
    if (!node || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(Math.ceil(node.offsetHeight)));
    observer.observe(node);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

function titleOf(task: TaskListItem, result: TaskResult): string | undefined {
  const fromResult = result.task.title;
  return task.title ?? (typeof fromResult === 'string' ? fromResult : undefined);
}

export function TraceView(props: TraceViewProps) {
  const { taskId, task, result, feed, liveControl, stoppedAt } = props;
  const { steps } = feed;
  const state = useTraceState(steps);
  const [notice, setNotice] = useState('');
  const toolbar = useRef<HTMLDivElement>(null);
  const toolbarHeight = useHeight(toolbar);
  // On a phone the toolbar is the search row, and the rest on demand: it stays on screen.
  const [filtersOpen, setFiltersOpen] = useState(false);
  const filtersId = useId();
  const afterStop = useMemo(() => {
    const from = firstAfterStop(steps, stoppedAt);
    return from === undefined || stoppedAt === undefined ? undefined : { from, stoppedAt };
  }, [steps, stoppedAt]);
  const lateSteps = afterStop ? steps.length - afterStop.from : 0;
  const title = titleOf(task, result);
  const fileBase = taskFileBase(taskId, title);

  const copy = useCallback(async (text: string, done: string) => {
    setNotice((await copyText(text)) ? done : 'Copying was not allowed by the browser.');
  }, []);

  const onCopyStep = useCallback(
    (index: number) => {
      const raw = steps[index]?.raw;
      void copy(JSON.stringify(raw, null, 2) ?? 'null', `Copied step #${index + 1} as JSON.`);
    },
    [steps, copy],
  );
  const onCopyLink = useCallback(
    (index: number) =>
      void copy(
        stepLink(window.location.origin, taskId, index),
        `Copied a link to step #${index + 1}.`,
      ),
    [taskId, copy],
  );
  const { select, toggle } = state;
  const jump = useCallback((index: number) => select(index), [select]);

  const copyMarkdown = () => {
    const text = traceToMarkdown({
      taskId,
      title,
      status: task.status,
      start: feed.start,
      end: feed.end,
      steps,
    });
    void copy(text, `Copied the trace as Markdown (${formatBytes(utf8Length(text))}).`);
  };

  const last = steps.at(-1);
  const current = isTerminal(task.status) ? undefined : stepInProgress(steps);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm text-muted">
          {steps.length.toLocaleString('en-US')} {steps.length === 1 ? 'step' : 'steps'}
          {lateSteps > 0 ? `, ${lateSteps.toLocaleString('en-US')} of them after the stop` : null}
        </p>
        {liveControl}
        <div className="ml-auto flex flex-wrap gap-2">
          <Button size="sm" onClick={copyMarkdown} disabled={steps.length === 0}>
            Copy as Markdown
          </Button>
          <Button size="sm" onClick={() => downloadJson(`${fileBase}.json`, result.raw)}>
            Download trace
          </Button>
        </div>
      </div>
      <p role="status" className="min-h-5 text-sm text-muted">
        {notice}
      </p>
      {current ? <LiveStep current={current} onShow={jump} /> : null}
      <PanelErrorBoundary label="The timeline">
        <TraceTimeline feed={feed} onJump={jump} />
      </PanelErrorBoundary>
      <div>
        <div
          ref={toolbar}
          className="sticky top-0 z-10 -mx-1 space-y-2 border-b border-border bg-surface-muted px-1 pt-2 pb-2"
        >
          <TraceSearch
            input={state.input}
            onInput={state.setInput}
            searching={state.searching}
            matchCount={state.matches.length}
            matchAt={state.matchAt}
            onNext={state.nextMatch}
            onPrevious={state.previousMatch}
            onlyMatches={state.onlyMatches}
            onOnlyMatches={state.setOnlyMatches}
            onlyMatchesOnPhone={filtersOpen}
          >
            <Button
              size="sm"
              variant="ghost"
              aria-expanded={filtersOpen}
              aria-controls={filtersId}
              onClick={() => setFiltersOpen(!filtersOpen)}
              className="md:hidden"
            >
              Filters
            </Button>
          </TraceSearch>
          <div
            id={filtersId}
            className={cn('flex flex-wrap items-center gap-2', !filtersOpen && 'max-md:hidden')}
          >
            <StepTypeFilter
              counts={state.counts}
              hidden={state.hidden}
              onChange={state.setKindShown}
            />
            <div className="ml-auto flex flex-wrap gap-2">
              <Button size="sm" variant="ghost" onClick={state.expandAll}>
                Expand all
              </Button>
              <Button size="sm" variant="ghost" onClick={state.collapseAll}>
                Collapse all
              </Button>
              <Button size="sm" variant="ghost" onClick={() => steps[0] && jump(0)}>
                First step
              </Button>
              <Button size="sm" variant="ghost" onClick={() => last && jump(last.index)}>
                Last step
              </Button>
            </div>
          </div>
        </div>
        <div className="pt-3">
          <PanelErrorBoundary label="The steps">
            {steps.length === 0 ? (
              <p className="rounded-lg border border-border bg-surface p-4 text-sm text-muted">
                No steps yet. They appear here as the agent works.
              </p>
            ) : (
              <TraceList
                steps={steps}
                visible={state.visible}
                isExpanded={state.isExpanded}
                selected={state.selected}
                selectionSeq={state.selectionSeq}
                currentMatch={state.currentMatch}
                query={state.searching ? state.query : ''}
                fileBase={fileBase}
                linked={state.linked}
                hash={state.hash}
                onSelect={select}
                onToggle={toggle}
                onExpand={state.expand}
                inProgress={current?.step.index}
                afterStop={afterStop}
                stickyInset={toolbarHeight}
                onCopyStep={onCopyStep}
                onCopyLink={onCopyLink}
              />
            )}
          </PanelErrorBoundary>
        </div>
      </div>
      <p className="text-xs text-muted">
        Keys in the list: ↓/↑ or j/k next and previous step, Home/End first and last, Enter expands.
        Links to a step end in <code>#step-N</code>, N as numbered here.
      </p>
    </div>
  );
}
