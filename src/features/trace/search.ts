/** Search inside a trace, over every key and value of each item's raw JSON (plus the plain text of
 *  escaped strings): the lower-cased haystack is built once per feed, so a search is one
 *  `includes` per step. */
import { jsonText } from './json-text';
import type { TraceStep } from './normalize';

/** Everything searchable about one item, lower-cased. */
export function searchTextOf(raw: unknown): string {
  const json = jsonText(raw);
  if (!json.includes('\\')) return json.toLowerCase();
  const plain: string[] = [];
  const walk = (value: unknown, depth: number) => {
    if (depth > 50) return;
    if (typeof value === 'string') {
      if (/["\\\n\r\t]/.test(value)) plain.push(value);
    } else if (Array.isArray(value)) {
      for (const entry of value) walk(entry, depth + 1);
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, entry] of Object.entries(value)) {
        if (/["\\\n\r\t]/.test(key)) plain.push(key);
        walk(entry, depth + 1);
      }
    }
  };
  walk(raw, 0);
  return `${json}\n${plain.join('\n')}`.toLowerCase();
}

const haystacks = new WeakMap<readonly TraceStep[], string[]>();

/** The steps' search texts, built on first use and kept for as long as the steps array lives. */
export function haystackOf(steps: readonly TraceStep[]): string[] {
  let haystack = haystacks.get(steps);
  if (!haystack) {
    haystack = steps.map((step) => searchTextOf(step.raw));
    haystacks.set(steps, haystack);
  }
  return haystack;
}

/** The normalised form of what was typed; empty means "no search". */
export function normalizeQuery(query: string): string {
  return query.trim().toLowerCase();
}

/**
 * Feed indices (from `candidates`, in their order) whose item contains `query`. Empty for an
 * empty query.
 */
export function findMatches(
  steps: readonly TraceStep[],
  candidates: readonly number[],
  query: string,
): number[] {
  const needle = normalizeQuery(query);
  if (needle === '') return [];
  const haystack = haystackOf(steps);
  const matches: number[] = [];
  for (const index of candidates) if (haystack[index]?.includes(needle)) matches.push(index);
  return matches;
}

/** Splits `text` around every case-insensitive occurrence of `query`, for `<mark>`ing. */
export function splitMatches(text: string, query: string): { text: string; match: boolean }[] {
  const needle = normalizeQuery(query);
  if (needle === '' || text === '') return [{ text, match: false }];
  const lower = text.toLowerCase();
  // Lower-casing can change the length of a few characters (İ); then do not mark at all.
  if (lower.length !== text.length) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  let from = 0;
  for (let found = lower.indexOf(needle); found !== -1; found = lower.indexOf(needle, from)) {
    if (found > from) parts.push({ text: text.slice(from, found), match: false });
    parts.push({ text: text.slice(found, found + needle.length), match: true });
    from = found + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), match: false });
  return parts;
}

/** A short stretch of the item's JSON around the first match, to show why a step matched. */
export function matchSnippet(raw: unknown, query: string, radius = 48): string | undefined {
  const needle = normalizeQuery(query);
  if (needle === '') return undefined;
  const json = jsonText(raw);
  const found = json.toLowerCase().indexOf(needle);
  if (found === -1) return undefined;
  const start = Math.max(0, found - radius);
  const end = Math.min(json.length, found + needle.length + radius);
  return `${start > 0 ? '…' : ''}${json.slice(start, end)}${end < json.length ? '…' : ''}`;
}
