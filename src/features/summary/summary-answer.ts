/**
 * Reading the answer and the extracted data out of `GET /tasks/{id}/summary`, whichever way the
 * backend lays them out (§5.1 of the API notes; the docs do not show the field names).
 *
 * The answer is chosen by the documented rule, read leniently:
 * 1. the `task_complete` result narrowed to `{summary, completed_at}` — its `summary`;
 * 2. else the whole result: its text (`structuredContent.summary`, `summary`, `answer`, `text`,
 *    `output`, `result`, MCP `content[]` text blocks, `message`), or, when it holds no text,
 *    the result itself, shown as JSON;
 * 3. else the content of the last non-transient item: a plain string.
 * The result is looked for under `result`, `answer`, `output`, `final_answer`, `response` and
 * `summary` at the top level.
 *
 * Extracted data is wherever it is found first: inside the result (`extracted_data`,
 * `structuredContent.extracted_data`, camelCase too), or at the top level of the summary. The
 * final step's structured content in `/result` is the last resort (`feed-facts.ts`).
 */

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
