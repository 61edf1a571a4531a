/** The two facts the Summary and Compare need from a task's `/result` feed: the last error (with its
 *  step number) and the final step's extracted data, read with the Trace's spellings (decision
 *  0010), shared here since features do not import each other. */
import { extractedDataIn, textOf } from './summary-answer';

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const KIND_FIELDS = ['type', 'kind', 'event', 'object'] as const;
const ERROR_WORDS = /(^|[^a-z])(error|exception|failed|failure)([^a-z]|$)/;
const ERROR_STATUSES = new Set(['error', 'errored', 'failed', 'failure', 'exception']);
const COMPLETE_WORDS = new Set(['task_complete', 'final_answer', 'final', 'complete', 'completed']);

function words(item: Record<string, unknown>): string[] {
  return KIND_FIELDS.map((field) => item[field])
    .filter((value): value is string => typeof value === 'string')
    .map((value) => value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
}

export interface ErrorStep {
  /** 0-based position in the feed; the Trace numbers it `index + 1`. */
  index: number;
  message: string;
}

function errorMessage(item: Record<string, unknown>): string | undefined {
  for (const field of ['error', 'exception', 'error_message', 'errorMessage']) {
    const value = item[field];
    if (value === undefined || value === null || value === false || value === '') continue;
    return textOf(value) ?? JSON.stringify(value);
  }
  const status = item.status ?? item.state;
  const failed = typeof status === 'string' && ERROR_STATUSES.has(status.toLowerCase());
  if (failed || words(item).some((word) => ERROR_WORDS.test(word))) {
    return (
      textOf(item.message) ??
      textOf(item.content) ??
      textOf(item.output) ??
      textOf(item.text) ??
      'The step reports an error without saying what it was.'
    );
  }
  return undefined;
}

/** The last item of the feed that reports an error, if any. */
export function lastErrorStep(feed: readonly unknown[]): ErrorStep | undefined {
  for (let index = feed.length - 1; index >= 0; index--) {
    const item = asRecord(feed[index]);
    if (!item) continue;
    const message = errorMessage(item);
    if (message !== undefined) return { index, message };
  }
  return undefined;
}

/** The extracted data of the feed's final (`task_complete`) step, if it carries any. */
export function finalExtractedData(feed: readonly unknown[]): unknown {
  for (let index = feed.length - 1; index >= 0; index--) {
    const item = asRecord(feed[index]);
    if (!item) continue;
    const name = typeof item.name === 'string' ? item.name.toLowerCase() : '';
    if (!COMPLETE_WORDS.has(name) && !words(item).some((word) => COMPLETE_WORDS.has(word)))
      continue;
    return extractedDataIn(item.result) ?? extractedDataIn(item.output) ?? extractedDataIn(item);
  }
  return undefined;
}
