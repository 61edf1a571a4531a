/** "Invoice Extractor": fills the output schema from labelled fields ("Total: …") and CSV columns,
 *  and asks which total when a document states two (decision 0003). */
import { parseOutputSchema, type ScalarType, type SchemaNode } from '../../../common/output-schema';
import { readRunFile, splitLines, unreadableReason, type FileKind } from './files';
import { stepDuration } from './timing';
import type { AgentScript, Resume, ScriptStep } from './types';

/** The shape without a schema (or with a plain-language one): the seed's extraction keys. */
const DEFAULT_ROOT = parseOutputSchema(
  '{"invoice_number": "string", "invoice_date": "date", "due_date": "date", "vendor": "string", ' +
    '"customer": "string", "currency": "string", "line_items": ["any"], "subtotal": "number", ' +
    '"tax": "number", "total": "number"}',
) as SchemaNode;

/** The only other labels a field answers to; every other field is found by its own name. */
const ALIASES = new Map(
  Object.entries({ customer: ['bill_to'], tax: ['vat'], total: ['grand_total'] }),
);

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'] as const;
/** `Label: value`, the label starting with a letter and at most 40 characters long. */
const LABELLED = /^\s*([A-Za-z][\w ()%#./&'-]{0,39}?)\s*:\s+(\S.*)$/;
const AMOUNT = /(?<![\w.])-?\d[\d,]*(?:\.\d+)?/;

/** "Invoice Number", "VAT (19%)", "unit-price" → "invoice_number", "vat", "unit_price". */
export function fieldKey(label: string): string {
  return label
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** What the extractor keeps of a document: its labelled fields and, for a CSV, its data rows. */
export interface InvoiceDocument {
  fields: { key: string; value: string; line: number; text: string }[];
  rows: Record<string, string>[];
}

/** RFC 4180 cells; the delimiter is the one of `,` `;` tab that the first line uses most. */
export function parseCsv(text: string): string[][] {
  const head = text.split('\n', 1)[0] ?? '';
  const count = (d: string) => head.split(d).length;
  const delimiter = [',', ';', '\t'].reduce((a, b) => (count(b) > count(a) ? b : a));
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') cell += text.charAt(++i);
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === delimiter) {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell.trim());
      if (row.some((c) => c !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell.trim());
  if (row.some((c) => c !== '')) rows.push(row);
  return rows;
}

/**
 * Text: every `Label: value` line. CSV: one row per data line keyed by its header; a line that
 * fills only its first cell and one other, in a table of three or more columns, is a labelled
 * field (`Total,,,,385.00`).
 */
export function readInvoiceDocument(text: string, kind: FileKind): InvoiceDocument {
  if (kind !== 'csv') {
    const fields = splitLines(text).flatMap((line, index) => {
      const match = LABELLED.exec(line);
      if (match?.[1] === undefined || match[2] === undefined) return [];
      const label = { key: fieldKey(match[1]), value: match[2].trim(), line: index + 1 };
      return [{ ...label, text: line.trim().slice(0, 120) }];
    });
    return { fields, rows: [] };
  }
  const [header = [], ...lines] = parseCsv(text);
  const keys = header.map(fieldKey);
  const doc: InvoiceDocument = { fields: [], rows: [] };
  lines.forEach((cells, index) => {
    const filled = cells.filter((cell) => cell !== '');
    const [label = '', value = ''] = filled;
    if (keys.length > 2 && filled.length === 2 && cells[0] !== '' && !/\d/.test(label)) {
      doc.fields.push({ key: fieldKey(label), value, line: index + 2, text: `${label}: ${value}` });
    } else {
      doc.rows.push(Object.fromEntries(keys.map((key, i) => [key, cells[i] ?? ''])));
    }
  });
  return doc;
}

/** The first number in `text`: "EUR 1,234.50" → 1234.5. */
export function parseAmount(text: string): number | null {
  const match = AMOUNT.exec(text);
  return match === null ? null : Number(match[0].replace(/,/g, ''));
}

/** A value as the schema's type: amounts as numbers, dates as YYYY-MM-DD; null when it is not. */
function coerce(value: string, type: ScalarType): unknown {
  const n = parseAmount(value);
  if (type === 'number' || type === 'integer')
    return n !== null && (type === 'number' || Number.isInteger(n)) ? n : null;
  if (type === 'boolean')
    return /^(true|yes|paid)$/i.test(value) || (/^(false|no|unpaid)$/i.test(value) ? false : null);
  if (type !== 'date') return value;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const date = new Date(Date.parse(value));
  const pad = (part: number) => String(part).padStart(2, '0');
  return Number.isNaN(date.getTime())
    ? null
    : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

type Lookup = (key: string) => string[];

/** A field's values: its labelled lines (aliases too), then its column's non-empty cells. */
function documentLookup(doc: InvoiceDocument): Lookup {
  return (key) => {
    const names = [key, ...(ALIASES.get(key) ?? [])];
    const labelled = doc.fields.filter((f) => names.includes(f.key)).map((f) => f.value);
    const column = doc.rows.map((row) => (Object.hasOwn(row, key) ? row[key] : '') ?? '');
    return [...labelled, ...column.filter((cell) => cell !== '')];
  };
}

/** Fills `node` for the field `key`: scalars from its first value, lists of objects from rows. */
function fill(
  node: SchemaNode,
  key: string,
  lookup: Lookup,
  rows: Record<string, string>[],
): unknown {
  if (node.type === 'object') {
    const entries = node.fields.map((f) => [f.name, fill(f.node, fieldKey(f.name), lookup, rows)]);
    return Object.fromEntries(entries);
  }
  if (node.type !== 'array') {
    const value = lookup(key)[0];
    return value === undefined ? null : coerce(value, node.type);
  }
  const items = node.items;
  if (items.type === 'object' || items.type === 'any' || items.type === 'array') {
    if (rows.length === 0) return null;
    return items.type === 'object'
      ? rows.map((row) => fill(items, '', documentLookup({ fields: [], rows: [row] }), []))
      : rows;
  }
  const values = lookup(key);
  return values.length === 0 ? null : values.map((value) => coerce(value, items.type));
}

interface Total {
  value: number;
  line: number;
  text: string;
  currency: string | null;
}

function money(total: Total): string {
  const figure = total.value.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return total.currency === null ? figure : `${figure} ${total.currency}`;
}

/** One per distinct amount of the lines labelled as a total, in document order. */
function distinctTotals(doc: InvoiceDocument): Total[] {
  const totals: Total[] = [];
  for (const field of doc.fields) {
    const value = parseAmount(field.value);
    if (!['total', 'grand_total'].includes(field.key) || value === null) continue;
    if (totals.some((t) => t.value === value)) continue;
    const currency = /\b[A-Z]{3}\b/.exec(field.value)?.[0] ?? null;
    totals.push({ value, line: field.line, text: field.text, currency });
  }
  return totals;
}

/** The total a reply names: one of the amounts listed, or a position ("second", "2nd", "last"). */
export function chosenTotal<T extends { value: number }>(
  reply: string,
  totals: readonly T[],
): T | undefined {
  const text = reply.toLowerCase();
  const figures = text.replace(/\b\d+(?:st|nd|rd|th)\b/g, ' ');
  const amounts = [...figures.matchAll(new RegExp(AMOUNT, 'g'))].map((m) => parseAmount(m[0]));
  const named = totals.find((t) =>
    amounts.some((a) => a !== null && Math.abs(a - t.value) < 0.005),
  );
  if (named !== undefined) return named;
  if (/\blast\b/.test(text)) return totals.at(-1);
  const position = ORDINALS.findIndex((word, i) =>
    new RegExp(`\\b(?:${word}|${i + 1}(?:st|nd|rd|th))\\b`).test(text),
  );
  return totals[position];
}

/** Asks which total is right; a reply that names none gets the larger one, said so. */
function* askTotal(
  name: string,
  totals: Total[],
  duration: () => number,
): Generator<ScriptStep, { value: number; note: string }, Resume> {
  const listed = totals.map((t) => `${money(t)} (line ${t.line}: "${t.text}")`);
  const words = ORDINALS.slice(0, totals.length).map((word) => `"${word}"`);
  const question =
    `${name} states ${totals.length === 2 ? 'two' : totals.length} different totals: ` +
    `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}. Which one is the invoice total? ` +
    `Reply with the amount, or ${words.slice(0, -1).join(', ')} or ${words.at(-1)}.`;
  const resume = yield { kind: 'ask_user', question, durationMs: duration() };
  const reply = resume?.kind === 'answer' ? resume.text.trim() : '';
  const chosen = chosenTotal(reply, totals);
  const used = chosen ?? totals.reduce((a, b) => (b.value > a.value ? b : a));
  yield {
    kind: 'message',
    content: `Using ${money(used)} as the total of ${name}.`,
    durationMs: duration(),
  };
  const note =
    chosen === undefined
      ? `${money(used)}, the larger one: your reply ("${reply}") named no amount or position from the list. Please check it.`
      : `${money(used)} as you chose ("${reply}"), from line ${used.line}: "${used.text}".`;
  return { value: used.value, note };
}

function fieldNames(node: SchemaNode): string[] {
  return node.type === 'object' ? node.fields.map((f) => f.name) : ['(list)'];
}

/** A document's section of the summary: the fields found, those not found, the total's choice. */
function section(name: string, data: unknown, note: string | null): string {
  const entries = Object.entries(Array.isArray(data) ? { rows: data } : (data ?? {}));
  const keys = (found: boolean) =>
    entries.filter(([, v]) => (v !== null) === found).map(([k]) => k);
  return [
    `## ${name}`,
    `- **Found:** ${keys(true).join(', ') || 'nothing'}`,
    `- **Not found (null):** ${keys(false).join(', ') || 'nothing'}`,
    ...(note === null ? [] : [`- **Total:** ${note}`]),
  ].join('\n');
}

export const invoiceScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const rawSchema = input.outputConfig?.output_schema?.trim() ?? '';
  const schema = parseOutputSchema(rawSchema);
  const root = schema ?? DEFAULT_ROOT;
  const query = input.query?.trim() ?? '';
  const instructions = input.outputConfig?.instructions?.trim() ?? '';
  const names = input.files.map((file) => file.name);
  const fields = `(${fieldNames(root).join(', ')})`;
  const plan = [
    names.length === 0
      ? 'No files were attached, so I will extract the invoice fields from your message.'
      : `I'll read ${names.join(', ')} and extract the invoice data.`,
    schema !== undefined
      ? `I will fill your output schema ${fields}.`
      : `${rawSchema === '' ? 'No output schema was given' : `Your output schema "${rawSchema}" is plain language, not fields`}, so I will return the standard invoice fields ${fields}.`,
    instructions === '' ? '' : `Your instructions: "${instructions}"; I extract by fixed rules.`,
  ];
  yield { kind: 'message', content: plan.join(' ').trim(), durationMs: duration() };

  const documents: { name: string; doc: InvoiceDocument }[] = [];
  const unreadable: string[] = [];
  if (names.length === 0)
    documents.push({ name: 'your message', doc: readInvoiceDocument(query, 'text') });
  for (const file of input.files) {
    const read = readRunFile(file, duration(), readInvoiceDocument);
    yield read.step;
    if (read.derived === null) unreadable.push(`${file.name} (${unreadableReason(read.kind)})`);
    else documents.push({ name: file.name, doc: read.derived });
  }

  const results: { name: string; data: unknown; note: string | null }[] = [];
  for (const { name, doc } of documents) {
    const totals = distinctTotals(doc);
    yield {
      kind: 'tool_call',
      name: 'extract_fields',
      arguments: { filename: name, fields: fieldNames(root) },
      output: {
        labelled: doc.fields.map(({ line, text }) => ({ line, text })),
        rows: doc.rows.length,
        ...(totals.length > 1 && { warning: `${totals.length} different totals` }),
      },
      durationMs: duration(),
    };
    let note: string | null = null;
    if (
      totals.length > 1 &&
      root.type === 'object' &&
      root.fields.some((f) => fieldKey(f.name) === 'total')
    ) {
      const decision = yield* askTotal(name, totals, duration);
      // The chosen total comes first, so the field takes it.
      doc.fields.unshift({ key: 'total', value: String(decision.value), line: 0, text: '' });
      note = decision.note;
    }
    results.push({ name, data: fill(root, '', documentLookup(doc), doc.rows), note });
  }

  const sections = [
    '# Extracted invoice data',
    ...results.map((r) => section(r.name, r.data, r.note)),
  ];
  if (unreadable.length > 0) sections.push(`Not read: ${unreadable.join('; ')}.`);
  if (results.length > 1)
    sections.push('The extracted data is a list with one entry per document, in this order.');
  const [first] = results;
  yield {
    kind: 'complete',
    summary: sections.join('\n\n'),
    extractedData:
      first === undefined ? {} : results.length === 1 ? first.data : results.map((r) => r.data),
    durationMs: duration(),
  };
};
