/** Two tasks' extracted data compared field by field (decision 0014): dotted paths, lists by index
 *  or a picked key, numbers and numeric text by value with a delta, `null` apart from missing. */

export type Change = 'equal' | 'changed' | 'added' | 'removed';

export interface NumericDelta {
  /** Right minus left. */
  delta: number;
  /** The delta as a percentage of the left value; undefined when the left value is 0. */
  percent: number | undefined;
}

export interface FieldDiff {
  /** `total`, `vendor.name`, `line_items[0].qty`, `line_items[sku=A-1].qty`. */
  path: string;
  /** Undefined where the field is missing on that side (see `leftPresent`). */
  left: unknown;
  right: unknown;
  leftPresent: boolean;
  rightPresent: boolean;
  change: Change;
  /** Both sides are numbers (or numeric text) and differ. */
  numeric?: NumericDelta;
  /** The two values are of different kinds, e.g. `number → text`. */
  typeChange?: { from: ValueKind; to: ValueKind };
}

export interface DiffCounts {
  equal: number;
  changed: number;
  added: number;
  removed: number;
}

export interface DiffResult {
  rows: FieldDiff[];
  counts: DiffCounts;
}

export type ValueKind = 'text' | 'number' | 'yes/no' | 'null' | 'object' | 'list';

export interface DiffOptions {
  /** Key field per list, by the list's pattern (`listPattern`): `{'line_items': 'sku'}`. A list
   *  without one is matched by index. */
  keys?: Readonly<Record<string, string>>;
}

/** Nesting deeper than this is compared as one JSON value, so hostile data cannot recurse. */
const MAX_DEPTH = 32;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function kindOf(value: unknown): ValueKind {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'yes/no';
  return 'text';
}

export interface ParsedNumber {
  value: number;
  /** Digits after the decimal point, to round the delta to what the values carry. */
  decimals: number;
  /** A currency symbol or code, or `%`, written beside the figure (`$`, `EUR`); '' for none. */
  unit: string;
}

const CURRENCY_SYMBOLS = '$€£¥₹₩₽₺₪₫฿₴₦₱';
/** ISO codes written beside amounts; any three capitals would read `INV-12` as an amount. */
const CURRENCY_CODES =
  'USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|CNY|INR|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|ZAR|SGD|HKD|KRW|TRY|AED|SAR|ILS|THB|RUB|UAH|NGN|PHP|IDR|MYR|VND';
const UNIT = `(?:[${CURRENCY_SYMBOLS}]|${CURRENCY_CODES})`;
/** `1234.5`, `1,234.50`, `-12`, `(12.00)`, `$12.00`, `EUR 505.51`, `12.5 %`, `+3`. Comma
 *  thousands and a decimal point only: `1.234,56` is ambiguous and stays text. */
const NUMERIC_TEXT = new RegExp(
  `^(?<pre>${UNIT})?\\s*(?<sign>[-+−])?\\s*(?<pre2>${UNIT})?\\s*(?<open>\\()?(?<digits>\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(?<fraction>\\d+))?(?<close>\\))?\\s*(?<post>${UNIT}|%)?$`,
);

/** A number, or text that reads as one (see `NUMERIC_TEXT`); undefined otherwise. */
export function parseNumber(value: unknown): ParsedNumber | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const [mantissa = '', exponent = '0'] = String(value).split('e');
    const decimals = (mantissa.split('.')[1]?.length ?? 0) - Number(exponent);
    return { value, decimals: Math.max(0, decimals), unit: '' };
  }
  if (typeof value !== 'string') return undefined;
  const match = NUMERIC_TEXT.exec(value.trim());
  const groups = match?.groups;
  if (!groups?.digits) return undefined;
  const units = [groups.pre, groups.pre2, groups.post].filter(Boolean);
  // `(12)` is a negative amount only with both parentheses; a sign and parentheses is noise.
  if (Boolean(groups.open) !== Boolean(groups.close) || units.length > 1) return undefined;
  if (groups.open && groups.sign) return undefined;
  const magnitude = Number(`${groups.digits.replace(/,/g, '')}.${groups.fraction ?? '0'}`);
  const negative = groups.open !== undefined || groups.sign === '-' || groups.sign === '−';
  return {
    value: negative ? -magnitude : magnitude,
    decimals: groups.fraction?.length ?? 0,
    unit: units[0] ?? '',
  };
}

/** Right minus left, rounded to the decimals the values carry (so 0.1 + 0.2 noise never shows). */
export function numericDelta(left: ParsedNumber, right: ParsedNumber): NumericDelta {
  const decimals = Math.min(Math.max(left.decimals, right.decimals), 100);
  const delta = Number((right.value - left.value).toFixed(decimals));
  return {
    delta,
    percent: left.value === 0 ? undefined : (delta / Math.abs(left.value)) * 100,
  };
}

/** Both sides as numbers, when both read as one and name no different units (`$12` vs `€12` is
 *  a change of text, not of amount). */
function bothNumbers(left: unknown, right: unknown): [ParsedNumber, ParsedNumber] | undefined {
  const a = parseNumber(left);
  const b = parseNumber(right);
  if (!a || !b) return undefined;
  if (a.unit !== '' && b.unit !== '' && a.unit !== b.unit) return undefined;
  return [a, b];
}

/** A key as a path segment: plain where it reads plainly, quoted where it would mislead. */
export function keySegment(key: string): string {
  return key !== '' && !/[.[\]"\s]/.test(key) ? key : JSON.stringify(key);
}

function join(path: string, key: string): string {
  const segment = keySegment(key);
  if (segment.startsWith('"')) return `${path}[${segment}]`;
  return path === '' ? segment : `${path}.${segment}`;
}

const QUOTED = '"(?:[^"\\\\]|\\\\.)*"';
/** `[3]`, `[sku=A-1]`, `[sku="A 1"#2]`, `["odd key"=x]`; not an object key (`["a.b"]`). */
const SELECTOR = new RegExp(
  `\\[(?:\\d+|(?:${QUOTED}|[^\\]"=]*)=(?:${QUOTED}|[^\\]"]*)(?:#\\d+)?)\\]`,
  'g',
);

/** A list's pattern: its path with every item selector written `[]`, so one choice of key
 *  applies to the same list inside every item (`documents[].line_items`). */
export function listPattern(path: string): string {
  return path.replace(SELECTOR, '[]');
}

/** Text for a key's value in an item selector. */
function keyValueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function selector(keyField: string, value: unknown, occurrence: number): string {
  const text = keyValueText(value);
  const shown = /^[\w.:/@+-]+$/.test(text) ? text : JSON.stringify(text);
  return `[${keySegment(keyField)}=${shown}${occurrence > 1 ? `#${occurrence}` : ''}]`;
}

/** The item's key value when it is a scalar it can be matched by; undefined otherwise. */
function keyValueOf(item: unknown, keyField: string): string | undefined {
  if (!isRecord(item) || !Object.hasOwn(item, keyField)) return undefined;
  const value = item[keyField];
  if (typeof value === 'string') return value.trim() === '' ? undefined : `s:${value}`;
  if (typeof value === 'number' && Number.isFinite(value)) return `n:${value}`;
  if (typeof value === 'boolean') return `b:${value}`;
  return undefined;
}

interface Pair {
  segment: string;
  left: { present: boolean; value: unknown };
  right: { present: boolean; value: unknown };
}

const ABSENT = { present: false, value: undefined } as const;

function byIndex(left: readonly unknown[], right: readonly unknown[]): Pair[] {
  const pairs: Pair[] = [];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    pairs.push({
      segment: `[${index}]`,
      left: index < left.length ? { present: true, value: left[index] } : ABSENT,
      right: index < right.length ? { present: true, value: right[index] } : ABSENT,
    });
  }
  return pairs;
}

/**
 * Items with the same key value are paired (the n-th with the n-th where a value repeats); left
 * order first, then what only the right has. Items without a usable key value are paired by
 * their order among themselves, under their index on the side that has them.
 */
function byKey(left: readonly unknown[], right: readonly unknown[], keyField: string): Pair[] {
  const rightByKey = new Map<string, number[]>();
  const rightUnkeyed: number[] = [];
  right.forEach((item, index) => {
    const key = keyValueOf(item, keyField);
    if (key === undefined) rightUnkeyed.push(index);
    else rightByKey.set(key, [...(rightByKey.get(key) ?? []), index]);
  });
  const used = new Set<number>();
  const seen = new Map<string, number>();
  const pairs: Pair[] = [];
  let unkeyed = 0;
  left.forEach((item, index) => {
    const key = keyValueOf(item, keyField);
    if (key === undefined) {
      const match = rightUnkeyed[unkeyed++];
      if (match !== undefined) used.add(match);
      pairs.push({
        segment: `[${index}]`,
        left: { present: true, value: item },
        right: match === undefined ? ABSENT : { present: true, value: right[match] },
      });
      return;
    }
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const match = rightByKey.get(key)?.[occurrence - 1];
    if (match !== undefined) used.add(match);
    pairs.push({
      segment: selector(keyField, (item as Record<string, unknown>)[keyField], occurrence),
      left: { present: true, value: item },
      right: match === undefined ? ABSENT : { present: true, value: right[match] },
    });
  });
  const rightSeen = new Map<string, number>();
  right.forEach((item, index) => {
    const key = keyValueOf(item, keyField);
    let occurrence = 0;
    if (key !== undefined) {
      occurrence = (rightSeen.get(key) ?? 0) + 1;
      rightSeen.set(key, occurrence);
    }
    if (used.has(index)) return;
    pairs.push({
      segment:
        key === undefined
          ? `[${index}]`
          : selector(keyField, (item as Record<string, unknown>)[keyField], occurrence),
      left: ABSENT,
      right: { present: true, value: item },
    });
  });
  return pairs;
}

function isEmptyContainer(value: unknown): boolean {
  return Array.isArray(value)
    ? value.length === 0
    : isRecord(value) && Object.keys(value).length === 0;
}

/** Every field of the data as the person reads them: what `walk` compares. */
function leafRows(
  value: unknown,
  path: string,
  side: 'left' | 'right',
  rows: FieldDiff[],
  depth: number,
) {
  const expand =
    depth < MAX_DEPTH && (Array.isArray(value) || isRecord(value)) && !isEmptyContainer(value);
  if (!expand) {
    rows.push({
      path,
      left: side === 'left' ? value : undefined,
      right: side === 'right' ? value : undefined,
      leftPresent: side === 'left',
      rightPresent: side === 'right',
      change: side === 'left' ? 'removed' : 'added',
    });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => leafRows(item, `${path}[${index}]`, side, rows, depth + 1));
  } else {
    for (const [key, item] of Object.entries(value)) {
      leafRows(item, join(path, key), side, rows, depth + 1);
    }
  }
}

function sameJson(left: unknown, right: unknown): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

function compareLeaves(path: string, left: unknown, right: unknown): FieldDiff {
  const base = { path, left, right, leftPresent: true, rightPresent: true };
  const numbers = bothNumbers(left, right);
  if (numbers) {
    const [a, b] = numbers;
    if (a.value === b.value) return { ...base, change: 'equal' };
    return { ...base, change: 'changed', numeric: numericDelta(a, b) };
  }
  if (Object.is(left, right) || (typeof left === 'object' && sameJson(left, right))) {
    return { ...base, change: 'equal' };
  }
  const from = kindOf(left);
  const to = kindOf(right);
  return { ...base, change: 'changed', ...(from !== to ? { typeChange: { from, to } } : {}) };
}

function walk(
  left: unknown,
  right: unknown,
  path: string,
  options: DiffOptions,
  rows: FieldDiff[],
  depth: number,
) {
  const deep = depth >= MAX_DEPTH;
  if (
    !deep &&
    isRecord(left) &&
    isRecord(right) &&
    !(isEmptyContainer(left) && isEmptyContainer(right))
  ) {
    const keys = [
      ...Object.keys(left),
      ...Object.keys(right).filter((key) => !Object.hasOwn(left, key)),
    ];
    for (const key of keys) {
      const at = join(path, key);
      const inLeft = Object.hasOwn(left, key);
      const inRight = Object.hasOwn(right, key);
      if (inLeft && inRight) walk(left[key], right[key], at, options, rows, depth + 1);
      else
        leafRows(inLeft ? left[key] : right[key], at, inLeft ? 'left' : 'right', rows, depth + 1);
    }
    return;
  }
  if (
    !deep &&
    Array.isArray(left) &&
    Array.isArray(right) &&
    !(left.length === 0 && right.length === 0)
  ) {
    const pattern = listPattern(path);
    const keyField =
      options.keys && Object.hasOwn(options.keys, pattern) ? options.keys[pattern] : undefined;
    const pairs = keyField ? byKey(left, right, keyField) : byIndex(left, right);
    for (const pair of pairs) {
      const at = `${path}${pair.segment}`;
      if (pair.left.present && pair.right.present) {
        walk(pair.left.value, pair.right.value, at, options, rows, depth + 1);
      } else {
        const side = pair.left.present ? 'left' : 'right';
        leafRows(pair.left.present ? pair.left.value : pair.right.value, at, side, rows, depth + 1);
      }
    }
    return;
  }
  rows.push(compareLeaves(path, left, right));
}

export function countChanges(rows: readonly FieldDiff[]): DiffCounts {
  const counts: DiffCounts = { equal: 0, changed: 0, added: 0, removed: 0 };
  for (const row of rows) counts[row.change]++;
  return counts;
}

/** The two values field by field; `left` or `right` undefined means that side has no data. */
export function diffData(left: unknown, right: unknown, options: DiffOptions = {}): DiffResult {
  const rows: FieldDiff[] = [];
  if (left === undefined && right === undefined) return { rows, counts: countChanges(rows) };
  if (left === undefined) leafRows(right, '', 'right', rows, 0);
  else if (right === undefined) leafRows(left, '', 'left', rows, 0);
  else walk(left, right, '', options, rows, 0);
  return { rows, counts: countChanges(rows) };
}

export interface ListKeys {
  /** The list's pattern (`listPattern`), as `DiffOptions.keys` takes it; '' for a top-level list. */
  pattern: string;
  /** Fields its items carry as text or numbers, the most widely present first: what it can be
   *  matched by. */
  keys: string[];
}

/** Every list of objects on either side, with the fields its items could be matched by. */
export function listKeyChoices(left: unknown, right: unknown): ListKeys[] {
  const found = new Map<string, Map<string, number>>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      const pattern = listPattern(path);
      const items = value.filter(isRecord);
      if (items.length > 0) {
        const counts = found.get(pattern) ?? new Map<string, number>();
        for (const item of items) {
          for (const key of Object.keys(item)) {
            if (keyValueOf(item, key) !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
          }
        }
        found.set(pattern, counts);
      }
      value.forEach((item) => visit(item, `${path}[]`, depth + 1));
    } else if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) visit(item, join(path, key), depth + 1);
    }
  };
  visit(left, '', 0);
  visit(right, '', 0);
  return [...found.entries()]
    .map(([pattern, counts]) => ({
      pattern,
      keys: [...counts.entries()]
        .sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b))
        .map(([key]) => key),
    }))
    .filter((list) => list.keys.length > 0);
}
