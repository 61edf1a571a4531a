/**
 * What the summarizer learns from one file, computed from its real bytes, and how that is
 * written up as Markdown.
 *
 * Kept apart from the generator so the numbers (row counts, column totals, headings) can be
 * tested directly and so the rendering rules (bullets vs prose, word limit) live in one place.
 */
import { parseCsv, detectDelimiter } from './csv';
import type { Delimiter } from './csv';
import {
  countWords,
  decodeText,
  fileKind,
  firstLines,
  formatBytes,
  kindLabel,
  splitLines,
} from './files';
import type { FileKind } from './files';
import { findDates, findFigures, formatMoney, formatNumber, parseAmount } from './figures';
import type { Figures } from './figures';
import type { InstructionPlan } from './instructions';
import type { InputFile } from './types';

export interface NumericColumn {
  name: string;
  /** Non-empty cells counted. */
  count: number;
  total: number;
  min: number;
  max: number;
}

export interface CsvDigest {
  delimiter: Delimiter;
  columns: string[];
  /** Data rows, the header excluded. */
  rowCount: number;
  numericColumns: NumericColumn[];
  /** Rows whose cell count differs from the header's. */
  irregularRows: number;
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export type JsonDigest =
  | {
      valid: true;
      topLevel: JsonType;
      /** Object: its keys. Array of objects: the keys its items use. */
      keys: string[];
      /** Arrays only. */
      length: number | null;
    }
  | { valid: false; error: string };

export interface Heading {
  level: number;
  text: string;
}

export interface MarkdownDigest {
  headings: Heading[];
  codeBlocks: number;
  links: number;
}

interface DigestBase {
  name: string;
  label: string;
  kind: FileKind;
  sizeBytes: number;
}

export interface TextDigest extends DigestBase {
  readable: true;
  lines: number;
  words: number;
  firstLines: string[];
  figures: Figures;
  csv?: CsvDigest;
  json?: JsonDigest;
  markdown?: MarkdownDigest;
}

export interface UnreadableDigest extends DigestBase {
  readable: false;
  reason: string;
}

export type FileDigest = TextDigest | UnreadableDigest;

// ---------------------------------------------------------------------------------------------

const NUMERIC_CELL =
  /^\(?-?(?:[$€£¥₹]\s?|[A-Z]{3}\s)?-?\d[\d,.'\u00a0]*(?:\s?[A-Z]{3}|\s?[$€£¥₹])?\)?$/;

function numericValue(cell: string): number | null {
  if (!NUMERIC_CELL.test(cell) || findDates(cell).length > 0) return null;
  return parseAmount(cell);
}

export function digestCsv(text: string): CsvDigest {
  const delimiter = detectDelimiter(text);
  const rows = parseCsv(text, delimiter);
  const columns = rows[0] ?? [];
  const data = rows.slice(1);
  const numericColumns: NumericColumn[] = [];
  columns.forEach((name, index) => {
    let count = 0;
    let total = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const row of data) {
      const cell = row[index] ?? '';
      if (cell === '') continue;
      const value = numericValue(cell);
      if (value === null) return;
      count++;
      total += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (count > 0) {
      numericColumns.push({ name, count, total: Math.round(total * 1e6) / 1e6, min, max });
    }
  });
  return {
    delimiter,
    columns,
    rowCount: data.length,
    numericColumns,
    irregularRows: data.filter((r) => r.length !== columns.length).length,
  };
}

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}

export function digestJson(text: string): JsonDigest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { valid: false, error: error instanceof Error ? error.message : String(error) };
  }
  const topLevel = jsonType(value);
  if (Array.isArray(value)) {
    const keys = new Set<string>();
    for (const item of (value as unknown[]).slice(0, 100)) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
        for (const k of Object.keys(item)) keys.add(k);
      }
    }
    return { valid: true, topLevel, keys: [...keys], length: value.length };
  }
  const keys = typeof value === 'object' && value !== null ? Object.keys(value) : [];
  return { valid: true, topLevel, keys, length: null };
}

export function digestMarkdown(text: string): MarkdownDigest {
  const headings: Heading[] = [];
  let codeBlocks = 0;
  let inFence = false;
  let previous = '';
  for (const line of splitLines(text)) {
    if (/^\s*(```|~~~)/.test(line)) {
      if (!inFence) codeBlocks++;
      inFence = !inFence;
      previous = '';
      continue;
    }
    if (inFence) continue;
    const atx = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (atx !== null) headings.push({ level: atx[1]?.length ?? 1, text: atx[2] ?? '' });
    else if (/^=+\s*$/.test(line) && previous.trim() !== '') {
      headings.push({ level: 1, text: previous.trim() });
    }
    previous = line;
  }
  const links = (text.match(/\[[^\]]+\]\([^)]+\)/g) ?? []).length;
  return { headings, codeBlocks, links };
}

/** Reads a file as far as the simulator can and reports what is in it. */
export function digestFile(file: InputFile): FileDigest {
  const kind = fileKind(file);
  const base = { name: file.name, label: kindLabel(file), kind, sizeBytes: file.size };
  if (kind === 'empty') return { ...base, readable: false, reason: 'the file is empty' };
  if (kind === 'dropped') {
    return {
      ...base,
      readable: false,
      reason: 'the simulator dropped the upload before it was read (--max-input-mb)',
    };
  }
  if (kind === 'binary') {
    return { ...base, readable: false, reason: 'the simulator cannot read text from binary files' };
  }
  return digestText(decodeText(file.bytes), base);
}

/** Digest of text that did not come from a file (e.g. the user's own message). */
export function digestText(
  text: string,
  base: DigestBase = { name: 'your message', label: 'message', kind: 'text', sizeBytes: 0 },
): TextDigest {
  const digest: TextDigest = {
    ...base,
    sizeBytes: base.sizeBytes || new TextEncoder().encode(text).length,
    readable: true,
    lines: splitLines(text).length,
    words: countWords(text),
    firstLines: firstLines(text, 3),
    figures: findFigures(text),
  };
  if (base.kind === 'csv') digest.csv = digestCsv(text);
  if (base.kind === 'json') digest.json = digestJson(text);
  if (base.kind === 'markdown') digest.markdown = digestMarkdown(text);
  return digest;
}

// ---------------------------------------------------------------------------------------------
// Rendering

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

function listOf(items: readonly string[], max = 12): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown}, … (${items.length - max} more)` : shown;
}

function figuresText(f: Figures): string | null {
  const parts: string[] = [];
  if (f.amounts.length > 0) {
    parts.push(`amounts ${f.amounts.map((a) => formatMoney(a.value, a.currency)).join(', ')}`);
  }
  if (f.dates.length > 0) parts.push(`dates ${f.dates.map((d) => d.iso).join(', ')}`);
  if (f.percentages.length > 0) parts.push(`percentages ${f.percentages.join(', ')}`);
  return parts.length === 0 ? null : parts.join('; ');
}

/**
 * One file's facts as (label, text) pairs in order of importance. The first pair says what the
 * file is; a word limit drops pairs from the end of each file first.
 */
export function digestFacts(d: FileDigest): [string, string][] {
  if (!d.readable) {
    return [
      [
        'What it is',
        `${d.label}, ${formatBytes(d.sizeBytes)}; ${d.reason}, so its content is not summarized.`,
      ],
    ];
  }
  const facts: [string, string][] = [
    [
      'What it is',
      `${d.label}, ${formatBytes(d.sizeBytes)}, ${plural(d.lines, 'line')}, ${plural(d.words, 'word')}`,
    ],
  ];
  if (d.csv !== undefined) {
    const c = d.csv;
    facts.push([`Columns (${c.columns.length})`, listOf(c.columns)]);
    facts.push(['Rows', `${formatNumber(c.rowCount)} data rows below the header`]);
    if (c.numericColumns.length > 0) {
      facts.push([
        'Numeric columns',
        c.numericColumns
          .map(
            (n) =>
              `${n.name}: total ${formatNumber(n.total)}, min ${formatNumber(n.min)}, max ${formatNumber(n.max)}`,
          )
          .join('; '),
      ]);
    }
    if (c.irregularRows > 0) {
      facts.push([
        'Warning',
        `${plural(c.irregularRows, 'row')} with a different number of cells than the header`,
      ]);
    }
  }
  if (d.json !== undefined) {
    const j = d.json;
    if (!j.valid)
      facts.push(['Warning', `not valid JSON (${j.error}), so it was read as plain text`]);
    else if (j.topLevel === 'array') {
      facts.push(['Structure', `an array of ${plural(j.length ?? 0, 'item')}`]);
      if (j.keys.length > 0) facts.push(['Item keys', listOf(j.keys)]);
    } else if (j.topLevel === 'object') {
      facts.push(['Structure', `an object with ${plural(j.keys.length, 'key')}`]);
      if (j.keys.length > 0) facts.push(['Keys', listOf(j.keys)]);
    } else facts.push(['Structure', `a single ${j.topLevel} value`]);
  }
  if (d.markdown !== undefined) {
    const m = d.markdown;
    facts.push([
      'Headings',
      m.headings.length === 0
        ? 'none'
        : listOf(
            m.headings.map((h) => `${'#'.repeat(h.level)} ${h.text}`),
            10,
          ),
    ]);
    if (m.codeBlocks > 0 || m.links > 0) {
      facts.push([
        'Also contains',
        `${plural(m.codeBlocks, 'code block')}, ${plural(m.links, 'link')}`,
      ]);
    }
  }
  const figures = figuresText(d.figures);
  if (figures !== null) facts.push(['Notable figures', figures]);
  if (d.firstLines.length > 0) {
    facts.push(['Starts with', d.firstLines.map((l) => `"${l}"`).join(' / ')]);
  }
  return facts;
}

function renderFact([label, text]: [string, string], style: InstructionPlan['style']): string {
  return style === 'bullets' ? `- **${label}:** ${text}` : `${label}: ${text}.`;
}

interface Block {
  file: number;
  priority: number;
  text: string;
}

/**
 * The Markdown summary: a heading per file and its facts, as bullets or prose. Under a word
 * limit every file keeps its heading; facts are then added breadth first (each file's first fact,
 * then each file's second, …) while they fit, and a closing note says what was dropped.
 */
export function renderSummary(
  digests: readonly FileDigest[],
  plan: Pick<InstructionPlan, 'style' | 'wordLimit'>,
  title: string,
): string {
  const blocks: Block[] = [];
  digests.forEach((d, file) => {
    const facts = digestFacts(d).map((f) => renderFact(f, plan.style));
    blocks.push({ file, priority: 0, text: `## ${d.name}` });
    // Breadth first under a word limit: every file's first fact, then every file's second, …
    facts.forEach((text, i) => blocks.push({ file, priority: i, text }));
  });
  let kept = blocks;
  let trimmed = false;
  if (plan.wordLimit !== null) {
    // Headings always stay so that every file is at least named.
    const headings = blocks.filter((b) => b.text.startsWith('## '));
    let budget =
      plan.wordLimit - countWords(title) - countWords(headings.map((b) => b.text).join(' '));
    const keep = new Set<Block>(headings);
    const maxPriority = Math.max(0, ...blocks.map((b) => b.priority));
    for (let priority = 0; priority <= maxPriority; priority++) {
      for (const block of blocks.filter((b) => b.priority === priority && !keep.has(b))) {
        const cost = countWords(block.text);
        if (cost <= budget) {
          keep.add(block);
          budget -= cost;
        } else trimmed = true;
      }
    }
    kept = blocks.filter((b) => keep.has(b));
  }
  const sections: string[] = [`# ${title}`];
  for (let file = 0; file < digests.length; file++) {
    const parts = kept.filter((b) => b.file === file).map((b) => b.text);
    if (parts.length === 0) continue;
    const [heading, ...body] = parts;
    if (heading === undefined) continue;
    const joined = plan.style === 'bullets' ? body.join('\n') : body.join(' ');
    sections.push(body.length === 0 ? heading : `${heading}\n\n${joined}`);
  }
  if (trimmed) {
    sections.push(
      `_Some details were left out to stay within ${plan.wordLimit ?? 0} words, as instructed._`,
    );
  }
  return sections.join('\n\n');
}
