/** The task view's tabs (Summary, Conversation, Trace) as the ARIA tabs pattern, the selected tab in
 *  `?tab=` (replacing history, keeping the hash); each panel in Suspense and its own error boundary. */
import {
  memo,
  Suspense,
  useId,
  useMemo,
  useRef,
  type ComponentType,
  type KeyboardEvent,
} from 'react';
import { useLocation, useSearchParams } from 'wouter';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import type { CachedTask } from '@/entities/task/cache';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { useTaskAction } from '@/entities/task/actions';

export type { TaskTabProps };

export const TASK_TABS = ['summary', 'conversation', 'trace'] as const;
export type TaskTabId = (typeof TASK_TABS)[number];

/** What the page hands in: one component per tab. */
export type TaskTabComponents = Readonly<Record<TaskTabId, ComponentType<TaskTabProps>>>;

const LABELS: Readonly<Record<TaskTabId, string>> = {
  summary: 'Summary',
  conversation: 'Conversation',
  trace: 'Trace',
};

/** The tab a `?tab=` value names; anything else (or nothing) is the Summary. */
export function parseTaskTab(value: string | null | undefined): TaskTabId {
  const wanted = value?.trim().toLowerCase();
  return TASK_TABS.find((tab) => tab === wanted) ?? 'summary';
}

export function useTaskTab(): [TaskTabId, (tab: TaskTabId) => void] {
  const [params] = useSearchParams();
  const [location, navigate] = useLocation();
  const select = (tab: TaskTabId) => {
    const next = new URLSearchParams(params);
    next.set('tab', tab);
    // Deep links such as `?tab=trace#step-5` keep their hash (wouter's `setSearchParams` drops it).
    navigate(`${location}?${next.toString()}${window.location.hash}`, { replace: true });
  };
  return [parseTaskTab(params.get('tab')), select];
}

const KEY_MOVES: Readonly<Record<string, (index: number, count: number) => number>> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

export interface TaskTabsProps {
  taskId: string;
  task: CachedTask;
  tabs: TaskTabComponents;
}

export function TaskTabs({ taskId, task, tabs }: TaskTabsProps) {
  const [selected, select] = useTaskTab();
  // A tab renders again only when what it is given changes (the task moved), not whenever the
  // page around it does (a read starting or ending).
  const contents = useMemo(
    () =>
      Object.fromEntries(TASK_TABS.map((tab) => [tab, memo(tabs[tab])])) as unknown as Record<
        TaskTabId,
        ComponentType<TaskTabProps>
      >,
    [tabs],
  );
  const onAction = useTaskAction(taskId);
  const baseId = useId();
  const buttons = useRef(new Map<TaskTabId, HTMLButtonElement>());
  const tabId = (tab: TaskTabId) => `${baseId}-tab-${tab}`;
  const panelId = (tab: TaskTabId) => `${baseId}-panel-${tab}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = KEY_MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const tab = TASK_TABS[move(TASK_TABS.indexOf(selected), TASK_TABS.length)] ?? selected;
    select(tab);
    buttons.current.get(tab)?.focus();
  };

  const Content = contents[selected];
  return (
    <div className="space-y-4">
      <div
        role="tablist"
        aria-label="Task details"
        onKeyDown={onKeyDown}
        className="flex gap-1 overflow-x-auto border-b border-border"
      >
        {TASK_TABS.map((tab) => {
          const current = tab === selected;
          // The Conversation waits for the person: a dot, and the same said in the description.
          const badge = tab === 'conversation' && task.status === 'waiting_for_input';
          return (
            <button
              key={tab}
              ref={(node) => {
                if (node) buttons.current.set(tab, node);
                else buttons.current.delete(tab);
              }}
              type="button"
              role="tab"
              id={tabId(tab)}
              aria-selected={current}
              aria-controls={panelId(tab)}
              aria-describedby={badge ? `${tabId(tab)}-badge` : undefined}
              tabIndex={current ? 0 : -1}
              onClick={() => select(tab)}
              className={cn(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors',
                'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
                current
                  ? 'border-accent text-accent'
                  : 'border-transparent text-muted hover:text-text',
              )}
            >
              {LABELS[tab]}
              {badge ? (
                <>
                  <span
                    aria-hidden="true"
                    className="ml-1.5 inline-block size-2 rounded-full bg-status-waiting align-middle"
                  />
                  <span id={`${tabId(tab)}-badge`} hidden>
                    Waiting for your answer
                  </span>
                </>
              ) : null}
            </button>
          );
        })}
      </div>
      <div
        role="tabpanel"
        id={panelId(selected)}
        aria-labelledby={tabId(selected)}
        tabIndex={0}
        className="focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-accent"
      >
        <PanelErrorBoundary key={`${taskId}:${selected}`} label={`The ${LABELS[selected]} tab`}>
          <Suspense fallback={<TabSkeleton />}>
            <Content taskId={taskId} task={task} onAction={onAction} />
          </Suspense>
        </PanelErrorBoundary>
      </div>
    </div>
  );
}

function TabSkeleton() {
  return (
    <div aria-busy="true" className="space-y-2">
      <p className="sr-only">Loading…</p>
      <Skeleton className="h-4 w-2/3" />
      <Skeleton className="h-4 w-1/2" />
      <Skeleton className="h-24 w-full" />
    </div>
  );
}
