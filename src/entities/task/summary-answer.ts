/** Reads the answer and the extracted data out of `GET /tasks/{id}/summary`, whichever way the
 *  backend lays them out (API notes §5.1): the `task_complete` summary, else the result's text or
 *  JSON, else the last item's content; `feed-facts.ts` is the last resort for extracted data. */

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const isText = (value: unknown): value is string =>
  typeof value === 'string' && value.trim() !== '';

const CONTAINER_KEYS = ['result', 'answer', 'output', 'final_answer', 'response', 'summary'];
const TEXT_KEYS = ['summary', 'answer', 'text', 'final_answer', 'output', 'result', 'content'];
const DATA_KEYS = ['extracted_data', 'extractedData'];

/** The text of MCP content blocks (`[{type: 'text', text}]`), joined; undefined without any. */
export function textOfContentBlocks(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const texts = value
    .map((block) => asRecord(block))
    .filter(
      (block) => block !== undefined && isText(block.text) && (block.type ?? 'text') === 'text',
    )
    .map((block) => block?.text as string);
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

/** The answer text inside a result value, looking a few levels down. */
export function textOf(value: unknown, depth = 0): string | undefined {
  if (isText(value)) return value;
  if (depth > 3) return undefined;
  const blocks = textOfContentBlocks(value);
  if (blocks) return blocks;
  const record = asRecord(value);
  if (!record) return undefined;
  const structured = asRecord(record.structuredContent ?? record.structured_content);
  if (isText(structured?.summary)) return structured.summary;
  for (const key of [...TEXT_KEYS, 'message']) {
    const found = textOf(record[key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/** Extracted data inside `value` (a result, or the summary itself); undefined when none. */
export function extractedDataIn(value: unknown): unknown {
  const record = asRecord(value);
  if (!record) return undefined;
  const structured = asRecord(record.structuredContent ?? record.structured_content);
  for (const holder of [record, structured]) {
    for (const key of DATA_KEYS) {
      const found = holder?.[key];
      if (found !== undefined && found !== null) return found;
    }
  }
  return undefined;
}

export interface SummaryReading {
  /** The answer as Markdown text. */
  answer: string | undefined;
  /** A result that holds no text, to show as JSON (rule 2). */
  answerData: unknown;
  extractedData: unknown;
  /** The result looked narrowed to `{summary, completed_at}`: anything else the final step
   *  carried (extracted data) may only be in `/result`. */
  narrowed: boolean;
}

export function readSummary(raw: Readonly<Record<string, unknown>>): SummaryReading {
  const key = CONTAINER_KEYS.find(
    (candidate) => raw[candidate] !== undefined && raw[candidate] !== null,
  );
  const container = key === undefined ? undefined : raw[key];
  const answer = textOf(container);
  const record = asRecord(container);
  const extractedData =
    extractedDataIn(container) ?? extractedDataIn(asRecord(record?.result)) ?? extractedDataIn(raw);
  let answerData: unknown;
  if (answer === undefined && container !== undefined) {
    // The whole result, minus the extracted data shown on its own.
    answerData = record
      ? Object.fromEntries(Object.entries(record).filter(([field]) => !DATA_KEYS.includes(field)))
      : container;
    if (record && Object.keys(answerData as object).length === 0) answerData = undefined;
  }
  const narrowed =
    record !== undefined &&
    isText(record.summary) &&
    Object.keys(record).every((field) => ['summary', 'completed_at'].includes(field));
  return { answer, answerData, extractedData, narrowed };
}
