/** One step of the trace: its facts, a one-line preview and, expanded, its payloads as lazy JSON
 *  trees; questions, the final answer and errors stand out by colour, icon and words. Row actions
 *  show on hover and focus. Memoised. */
import { memo, useId, useState, type ComponentProps } from 'react';
import { Icon, type IconName } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { formatDuration, formatExactTime } from '@/lib/format';
import { Highlighted } from './highlighted';
import { jsonText } from './json-text';
import { JsonPayload } from './json-view';
import { displayName, KIND_LABELS, type StepKind, type TimedStep } from './normalize';
import { matchSnippet } from './search';

const KIND_STYLE: Readonly<Record<StepKind, { badge: string; box: string; icon?: IconName }>> = {
  message: { badge: 'border-border bg-surface-muted text-muted', box: 'border-l-transparent' },
  tool_call: { badge: 'border-accent/30 bg-accent/10 text-accent', box: 'border-l-transparent' },
  ask_user: {
    badge: 'border-status-waiting/40 bg-status-waiting/10 text-status-waiting',
    box: 'border-l-status-waiting bg-status-waiting/5',
    icon: 'message-question',
  },
  task_complete: {
    badge: 'border-status-completed/40 bg-status-completed/10 text-status-completed',
    box: 'border-l-status-completed bg-status-completed/5',
    icon: 'check-circle',
  },
  error: {
    badge: 'border-danger/40 bg-danger/10 text-danger',
    box: 'border-l-danger bg-danger/5',
    icon: 'x-circle',
  },
  unknown: {
    badge: 'border-dashed border-border text-muted',
    box: 'border-l-transparent',
    icon: 'help-circle',
  },
};

const PREVIEW_CHARS = 240;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `14:05:09.120`, local time: steps land milliseconds apart. */
function clockTime(time: number): string {
  const date = new Date(time);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

function compact(value: unknown): string {
  if (value === undefined) return '';
  const text = (typeof value === 'string' ? value : jsonText(value)).replace(/\s+/g, ' ').trim();
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

function preview(step: TimedStep): string {
  const parts = [compact(step.arguments), compact(step.output)].filter((part) => part !== '');
  if (parts.length === 0 && step.error !== undefined) return compact(step.error);
  if (parts.length === 0 && step.kind === 'unknown') return compact(step.raw);
  return parts.join(' → ');
}

/** The small per-step buttons: 10,000 steps call for a quieter control than `Button`. */
function StepAction(props: ComponentProps<'button'>) {
  return (
    <button
      type="button"
      {...props}
      className="h-6 rounded px-1.5 text-xs font-medium text-accent hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-accent"
    />
  );
}

export interface TraceStepProps {
  step: TimedStep;
  expanded: boolean;
  query: string;
  currentMatch: boolean;
  /** The step a live task is on. */
  inProgress?: boolean;
  fileBase: string;
  onToggle: (index: number) => void;
  onCopyStep: (index: number) => void;
  onCopyLink: (index: number) => void;
}

export const TraceStepView = memo(function TraceStepView(props: TraceStepProps) {
  const { step, expanded, query } = props;
  const bodyId = useId();
  const style = KIND_STYLE[step.error !== undefined ? 'error' : step.kind];
  const kindStyle = KIND_STYLE[step.kind];
  const name = displayName(step);
  const snippet = !expanded && props.currentMatch ? matchSnippet(step.raw, query) : undefined;
  const timing: string[] = [];
  if (step.offsetMs !== undefined) timing.push(`+${formatDuration(Math.max(0, step.offsetMs))}`);
  if (step.durationMs !== undefined) timing.push(`took ${formatDuration(step.durationMs)}`);
  else if (step.untilNextMs !== undefined)
    timing.push(`${formatDuration(step.untilNextMs)} to next`);

  return (
    <div className={cn('space-y-1 border-l-4 px-3 py-2', style.box)}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <span className="font-mono text-xs text-muted">#{step.index + 1}</span>
        <span
          className={cn(
            'inline-flex items-center gap-1 rounded-full border px-2 py-0.5 text-xs font-medium',
            kindStyle.badge,
          )}
        >
          {kindStyle.icon ? <Icon name={kindStyle.icon} size="sm" /> : null}
          {KIND_LABELS[step.kind]}
        </span>
        {step.kind !== 'error' && step.error !== undefined ? (
          <span className="text-xs font-medium text-danger">failed</span>
        ) : null}
        {props.inProgress ? (
          <span className="inline-flex items-center gap-1 text-xs font-medium text-status-running">
            <Icon name="clock" size="sm" />
            In progress
          </span>
        ) : null}
        {name ? (
          <span className="font-mono font-semibold [overflow-wrap:anywhere]">
            <Highlighted text={name} query={query} />
          </span>
        ) : null}
        {step.role ? <span className="text-xs text-muted">{step.role}</span> : null}
        <span className="ml-auto flex flex-wrap gap-x-3 text-xs text-muted tabular-nums">
          {step.time !== undefined ? (
            <time dateTime={new Date(step.time).toISOString()} title={formatExactTime(step.time)}>
              {clockTime(step.time)}
            </time>
          ) : null}
          {timing.map((text) => (
            <span key={text}>{text}</span>
          ))}
        </span>
      </div>
      <div className="flex items-center gap-2">
        <p className="min-w-0 flex-1 truncate font-mono text-xs text-muted">
          {expanded ? null : <Highlighted text={preview(step)} query={query} />}
        </p>
        {/* Quiet until wanted: shown on hover, on focus within the row, for the selected or
            expanded step, and always on touch screens. Still in the tab order and the a11y tree. */}
        <div
          className={cn(
            'flex shrink-0 gap-1 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100',
            'group-aria-[current=true]:opacity-100 pointer-coarse:opacity-100',
            expanded && 'opacity-100',
          )}
        >
          <StepAction
            aria-expanded={expanded}
            aria-controls={expanded ? bodyId : undefined}
            onClick={() => props.onToggle(step.index)}
          >
            {expanded ? 'Collapse' : 'Expand'}
          </StepAction>
          <StepAction onClick={() => props.onCopyStep(step.index)}>Copy step</StepAction>
          <StepAction onClick={() => props.onCopyLink(step.index)}>Copy link</StepAction>
        </div>
      </div>
      {snippet ? (
        <p className="font-mono text-xs [overflow-wrap:anywhere]">
          <span className="font-sans text-muted">Matched in: </span>
          <Highlighted text={snippet} query={query} />
        </p>
      ) : null}
      {expanded ? (
        <StepDetails id={bodyId} step={step} query={query} fileBase={props.fileBase} />
      ) : null}
    </div>
  );
});

function StepDetails(props: { id: string; step: TimedStep; query: string; fileBase: string }) {
  const { step, query } = props;
  const [raw, setRaw] = useState(step.kind === 'unknown');
  const file = (part: string) => `${props.fileBase}-step-${step.index + 1}-${part}.json`;
  const sections: { label: string; value: unknown }[] = [];
  if (step.arguments !== undefined) sections.push({ label: 'Arguments', value: step.arguments });
  if (step.output !== undefined)
    sections.push({ label: step.kind === 'message' ? 'Text' : 'Output', value: step.output });
  if (step.error !== undefined && step.error !== step.output)
    sections.push({ label: 'Error', value: step.error });

  return (
    <div id={props.id} className="space-y-2 pt-1">
      {sections.map(({ label, value }) => (
        <section key={label} aria-label={`${label} of step ${step.index + 1}`}>
          <h4 className="text-xs font-semibold text-muted">{label}</h4>
          <JsonPayload value={value} label={label} fileName={file(label)} query={query} />
        </section>
      ))}
      <div>
        <button
          type="button"
          aria-expanded={raw}
          onClick={() => setRaw(!raw)}
          className="text-xs text-accent underline underline-offset-2"
        >
          Raw item (as the server sent it)
        </button>
        {raw ? (
          <JsonPayload value={step.raw} label="Raw item" fileName={file('raw')} query={query} />
        ) : null}
      </div>
    </div>
  );
}
