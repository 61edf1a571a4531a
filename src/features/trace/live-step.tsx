/** What a live task is doing now: the last tool call still without a result, else the last step,
 *  with the time since it started (or landed) ticking once a second. The tick lives in `Elapsed`
 *  alone, so the rest of the trace never re-renders for it. */
import { useEffect, useState } from 'react';
import { Icon } from '@/components/ui/icon';
import { formatDuration } from '@/lib/format';
import { displayName, KIND_LABELS, type TimedStep } from './normalize';

export interface StepInProgress {
  step: TimedStep;
  /** True for a tool call still waiting on its result; false when it is the last step so far. */
  running: boolean;
}

/** The step a live task is on: the last tool call with no output and no error, else the last. */
export function stepInProgress(steps: readonly TimedStep[]): StepInProgress | undefined {
  for (let index = steps.length - 1; index >= 0; index--) {
    const step = steps[index] as TimedStep;
    if (step.kind === 'tool_call' && step.output === undefined && step.error === undefined)
      return { step, running: true };
  }
  const last = steps.at(-1);
  return last ? { step: last, running: false } : undefined;
}

/** Whole seconds, so the text changes once per tick. */
function elapsedText(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  return seconds < 60 ? `${seconds} s` : formatDuration(seconds * 1000);
}

/** `13 s`, re-rendered each second by its own timer. */
export function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="tabular-nums">{elapsedText(now - since)}</span>;
}

export interface LiveStepProps {
  current: StepInProgress;
  onShow: (index: number) => void;
}

export function LiveStep({ current, onShow }: LiveStepProps) {
  const { step, running } = current;
  const name = displayName(step);
  const what = `${KIND_LABELS[step.kind]}${name ? ` ${name}` : ''}`;
  return (
    <section
      aria-label="Now"
      className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-lg border border-status-running/40 bg-status-running/5 px-3 py-2 text-sm"
    >
      <Icon
        name="spinner"
        className="animate-spin text-status-running motion-reduce:animate-none"
      />
      <span className="font-medium">{running ? 'Running now:' : 'Working; last step:'}</span>
      <button
        type="button"
        onClick={() => onShow(step.index)}
        className="font-mono text-accent underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
      >
        #{step.index + 1} {what}
      </button>
      {step.time !== undefined ? (
        <span className="text-muted">
          {running ? 'for ' : 'landed '}
          <Elapsed since={step.time} />
          {running ? null : ' ago'}
        </span>
      ) : null}
    </section>
  );
}
