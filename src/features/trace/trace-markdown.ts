/** "Copy as Markdown": the trace as compact text within a byte budget, payloads one line each;
 *  when steps must be left out, errors, questions, replies and the answer come first, and every
 *  gap is marked. Hidden characters are spelled out. */
import { formatDuration } from '@/lib/format';
import { visibleText } from '@/lib/reveal-invisibles';
import { jsonText } from './json-text';
import { displayName, KIND_LABELS, type TimedStep } from './normalize';

export interface TraceMarkdownInput {
  taskId: string;
  title: string | undefined;
  status: string | undefined;
  /** Epoch ms the offsets count from. */
  start: number | undefined;
  end: number | undefined;
  steps: readonly TimedStep[];
}

export interface TraceMarkdownOptions {
  /** Characters kept of each payload. */
  payloadChars?: number;
  /** Upper bound of the whole text, in UTF-8 bytes. */
  budgetBytes?: number;
}

export const DEFAULT_PAYLOAD_CHARS = 200;
export const DEFAULT_BUDGET_BYTES = 50_000;
/** Kept free for the closing note and the elision markers' worst case. */
const RESERVE_BYTES = 600;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

const count = (n: number) => n.toLocaleString('en-US');

/** `value` as one line of text: strings as they are, anything else as JSON. */
function oneLine(value: unknown): string {
  const text = typeof value === 'string' ? value : jsonText(value);
  return text.replace(/\s+/g, ' ').trim();
}

/** An inline code span that survives backticks inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

interface Payload {
  text: string;
  cut: boolean;
}

function payload(value: unknown, limit: number): Payload {
  const text = oneLine(value);
  if (text.length <= limit) return { text, cut: false };
  return { text: `${text.slice(0, limit)}… (+${count(text.length - limit)} chars)`, cut: true };
}

function stepBlock(step: TimedStep, limit: number): { text: string; cuts: number } {
  const name = displayName(step);
  const facts = [
    `${KIND_LABELS[step.kind]}${name ? ` ${code(name)}` : ''}${step.role ? ` (${step.role})` : ''}`,
  ];
  if (step.offsetMs !== undefined) facts.push(`+${formatDuration(step.offsetMs)}`);
  if (step.durationMs !== undefined) facts.push(`took ${formatDuration(step.durationMs)}`);
  const lines = [`${step.index + 1}. ${facts.join(' · ')}`];
  let cuts = 0;
  const add = (label: string, value: unknown) => {
    if (value === undefined) return;
    const { text, cut } = payload(value, limit);
    if (cut) cuts += 1;
    lines.push(`   - ${label}: ${code(text)}`);
  };
  add('arguments', step.arguments);
  add(step.kind === 'message' ? 'text' : 'output', step.output);
  if (step.error !== undefined && step.error !== step.output) add('error', step.error);
  if (step.arguments === undefined && step.output === undefined && step.error === undefined)
    add('raw', step.raw);
  return { text: visibleText(lines.join('\n')), cuts };
}

function explainsTheRun(step: TimedStep): boolean {
  const role = step.role?.toLowerCase();
  return (
    step.kind === 'error' ||
    step.error !== undefined ||
    step.kind === 'ask_user' ||
    step.kind === 'task_complete' ||
    (step.kind === 'message' && (role === 'user' || role === 'human'))
  );
}

/** Indices in the order they are offered a place: important ones, then first/last alternately. */
function priorityOrder(steps: readonly TimedStep[]): number[] {
  const order: number[] = [];
  const taken = new Set<number>();
  const take = (index: number) => {
    if (!taken.has(index)) {
      taken.add(index);
      order.push(index);
    }
  };
  steps.forEach((step, index) => {
    if (explainsTheRun(step)) take(index);
  });
  for (let low = 0, high = steps.length - 1; low <= high; low++, high--) {
    take(low);
    take(high);
  }
  return order;
}

function elisionMarker(steps: readonly TimedStep[], from: number, to: number): string {
  const names = new Map<string, number>();
  for (let i = from; i <= to; i++) {
    const step = steps[i];
    if (!step) continue;
    const label = displayName(step) ?? KIND_LABELS[step.kind];
    names.set(label, (names.get(label) ?? 0) + 1);
  }
  const top = [...names.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([label, n]) => `${label} ×${count(n)}`);
  const more = names.size > 4 ? ', …' : '';
  const n = to - from + 1;
  const range = n === 1 ? `#${count(from + 1)}` : `#${count(from + 1)}–#${count(to + 1)}`;
  return visibleText(
    `_… ${count(n)} step${n === 1 ? '' : 's'} elided (${range}: ${top.join(', ')}${more}) …_`,
  );
}

function kindCounts(steps: readonly TimedStep[]): string {
  const counts = new Map<string, number>();
  for (const step of steps)
    counts.set(KIND_LABELS[step.kind], (counts.get(KIND_LABELS[step.kind]) ?? 0) + 1);
  return [...counts.entries()].map(([kind, n]) => `${count(n)} ${kind}`).join(', ');
}

export function traceToMarkdown(
  input: TraceMarkdownInput,
  options: TraceMarkdownOptions = {},
): string {
  const limit = options.payloadChars ?? DEFAULT_PAYLOAD_CHARS;
  const budget = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  const { steps } = input;

  const header = [
    `# Trace of ${input.title ? `"${oneLine(input.title)}"` : 'a task'} (task ${input.taskId})`,
    '',
    `- Status: ${input.status ?? 'unknown'}`,
    `- Steps: ${count(steps.length)}${steps.length > 0 ? ` (${kindCounts(steps)})` : ''}`,
  ];
  if (input.start !== undefined) {
    const took =
      input.end !== undefined && input.end >= input.start
        ? `, last step at +${formatDuration(input.end - input.start)}`
        : '';
    header.push(`- Started: ${new Date(input.start).toISOString()}${took}`);
  }
  header.push(
    `- Payloads are cut to ${count(limit)} characters; this text is kept under ${count(Math.round(budget / 1000))} KB.`,
    '',
    '## Steps',
    '',
  );
  const head = visibleText(header.join('\n'));

  // Offer each step a place, most telling first, until the budget is spent.
  let room = budget - utf8Length(head) - RESERVE_BYTES;
  const blocks = new Map<number, { text: string; cuts: number }>();
  for (const index of priorityOrder(steps)) {
    const block = stepBlock(steps[index] as TimedStep, limit);
    // Each kept block may also split an elided stretch in two: one more marker line.
    const cost = utf8Length(block.text) + 1 + 160;
    if (cost > room) break;
    blocks.set(index, block);
    room -= cost;
  }

  const body: string[] = [];
  let cuts = 0;
  let gapFrom: number | undefined;
  for (let index = 0; index <= steps.length; index++) {
    const block = index < steps.length ? blocks.get(index) : undefined;
    if (block || index === steps.length) {
      if (gapFrom !== undefined) body.push(elisionMarker(steps, gapFrom, index - 1));
      gapFrom = undefined;
      if (block) {
        body.push(block.text);
        cuts += block.cuts;
      }
    } else if (gapFrom === undefined) gapFrom = index;
  }
  if (steps.length === 0) body.push('_No steps yet._');

  const elided = steps.length - blocks.size;
  const notes: string[] = [];
  if (elided > 0) notes.push(`${count(elided)} of ${count(steps.length)} steps left out`);
  if (cuts > 0) notes.push(`${count(cuts)} payloads cut to ${count(limit)} characters`);
  const footer =
    notes.length > 0
      ? `\n\n---\nElided to stay under ${count(Math.round(budget / 1000))} KB: ${notes.join('; ')}. "Download trace" in the console gives the full JSON.`
      : '';
  return `${head}${body.join('\n')}${footer}\n`;
}
