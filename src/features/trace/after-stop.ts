/** Which steps of a stopped task came after the stop: a step in flight when the person stopped the
 *  task still lands (the API finishes it), and must not read as part of the run. */
import type { TraceStep } from './normalize';

/** Epoch ms the step landed: its time, plus its duration when the time is when it started. */
export function landedAt(step: TraceStep): number | undefined {
  if (step.time === undefined) return undefined;
  return step.timeIsStart && step.durationMs !== undefined
    ? step.time + step.durationMs
    : step.time;
}

/**
 * The feed index of the first step that landed after `stopMs`; it and every step after it in
 * the feed (which lists steps as they landed, timed or not) came after the stop. Undefined when
 * no step did, or the stop time is unknown.
 */
export function firstAfterStop(
  steps: readonly TraceStep[],
  stopMs: number | undefined,
): number | undefined {
  if (stopMs === undefined || !Number.isFinite(stopMs)) return undefined;
  const index = steps.findIndex((step) => {
    const at = landedAt(step);
    return at !== undefined && at > stopMs;
  });
  return index === -1 ? undefined : index;
}
