/** The simulator's review decision for an `awaiting_review` task; the console's server offers it
 *  only when its backend is the built-in simulator (404 otherwise); the public API has none. */
import * as v from 'valibot';
import { requestJson } from './http';

export type ReviewDecision = 'approve' | 'reject';

/** The simulator answers with the task's state; only its status is of interest, if readable. */
const ReviewAnswer = v.pipe(
  v.unknown(),
  v.transform((raw) => {
    const status =
      typeof raw === 'object' && raw !== null && 'status' in raw ? raw.status : undefined;
    return { status: typeof status === 'string' ? status : undefined };
  }),
);
export type ReviewAnswer = v.InferOutput<typeof ReviewAnswer>;

export function simulatorReviewPath(taskId: string): string {
  return `/__console/simulator/tasks/${encodeURIComponent(taskId)}/review`;
}

export function postSimulatorReview(
  taskId: string,
  decision: ReviewDecision,
  note?: string,
): Promise<ReviewAnswer> {
  const trimmed = note?.trim();
  return requestJson(simulatorReviewPath(taskId), {
    method: 'POST',
    body: trimmed ? { decision, note: trimmed } : { decision },
    schema: ReviewAnswer,
  });
}
