/**
 * Finding the figures people care about in free text: money amounts, dates and percentages.
 *
 * Both the summarizer ("notable figures") and the invoice extractor (totals, due dates) need
 * them, and both must cope with how documents really write numbers: "1,234.56", "1.234,56",
 * "EUR 559.06", "559,06 €", "(45.00)", "14 March 2026", "03/14/2026".
 *
 * Ambiguities are settled once, here:
 * - a single "," followed by exactly three digits is a thousands separator ("1,500" = 1500), any
 *   other lone "," is a decimal comma ("12,5" = 12.5); a single "." is always a decimal point;
 * - numeric dates with "/" are month-first when both parts could be a month (US style), with
 *   "." or "-" they are day-first (European style); a part above 12 always decides.
 */

export interface AmountMatch {
  /** The text as written, e.g. "EUR 1,234.56". */
  text: string;
  value: number;
  /** ISO 4217 code, or null when the amount carries no currency. */
  currency: string | null;
}

export interface DateMatch {
  text: string;
  /** `YYYY-MM-DD`. */
  iso: string;
}

export interface Figures {
  amounts: AmountMatch[];
  dates: DateMatch[];
  percentages: string[];
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
};

const CURRENCY_CODES = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'INR',
  'CHF',
  'CAD',
  'AUD',
  'NZD',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'SGD',
  'HKD',
  'CNY',
  'ZAR',
  'BRL',
  'MXN',
] as const;

const SYMBOL_CLASS = '[$€£¥₹]';
const CODE_ALT = CURRENCY_CODES.join('|');
/** A number as written in documents: grouped thousands (no plain spaces) or plain digits. */
const NUM = String.raw`\d{1,3}(?:[,.'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;

const AMOUNT_RE = new RegExp(
  String.raw`(?:(?<psym>${SYMBOL_CLASS})|\b(?<pcode>${CODE_ALT})\b)\s?(?<pneg>-)?(?<pnum>${NUM})(?![\d%])` +
    String.raw`|(?<![\d.,])(?<sneg>-)?(?<snum>${NUM})\s?(?:(?<ssym>${SYMBOL_CLASS})|(?<scode>${CODE_ALT})\b)`,
  'gu',
);

/** Maps a symbol or code found next to an amount to its ISO code. */
export function currencyCode(token: string): string | null {
  const symbol = CURRENCY_SYMBOLS[token];
  if (symbol !== undefined) return symbol;
  const upper = token.toUpperCase();
  return (CURRENCY_CODES as readonly string[]).includes(upper) ? upper : null;
}

/** The first currency named anywhere in the text (symbol or ISO code), or null. */
export function detectCurrency(text: string): string | null {
  const match = new RegExp(String.raw`(${SYMBOL_CLASS})|\b(${CODE_ALT})\b`, 'u').exec(text);
  if (match === null) return null;
  return currencyCode(match[1] ?? match[2] ?? '');
}

/**
 * Parses a number as written in a document ("1,234.56", "1.234,56", "€ 45", "(12.00)", "-3").
 * Returns null when the text holds no digits.
 */
export function parseAmount(raw: string): number | null {
  const trimmed = raw.trim();
  const found = /\d[\d.,'\u00a0\u202f]*/.exec(trimmed);
  if (found === null) return null;
  const numeric = found[0].replace(/['\u00a0\u202f]/g, '');
  // A minus counts only right before the number (or its symbol): "Total - 5" is not negative.
  const prefix = trimmed.slice(0, found.index);
  const negative = /^\(.*\)$/.test(trimmed) || /-(?:[$€£¥₹]\s?)?$/.test(prefix);
  let s = numeric.replace(/[.,]+$/, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    // Whichever separator comes last is the decimal one.
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const commas = s.split(',').length - 1;
    const decimals = s.length - lastComma - 1;
    s = commas === 1 && decimals !== 3 ? s.replace(',', '.') : s.replace(/,/g, '');
  } else if (lastDot >= 0 && s.split('.').length - 1 > 1) {
    s = s.replace(/\./g, '');
  }
  const value = Number(s);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

/** Money amounts that carry a currency symbol or code, in document order. */
export function findAmounts(text: string): AmountMatch[] {
  const out: AmountMatch[] = [];
  for (const m of text.matchAll(AMOUNT_RE)) {
    const g = m.groups ?? {};
    const num = g.pnum ?? g.snum;
    const token = g.psym ?? g.pcode ?? g.ssym ?? g.scode;
    if (num === undefined || token === undefined) continue;
    const value = parseAmount(num);
    if (value === null) continue;
    const negative = (g.pneg ?? g.sneg) !== undefined;
    out.push({
      text: m[0].trim(),
      value: negative ? -value : value,
      currency: currencyCode(token),
    });
  }
  return out;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;

const MONTH_ALT = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

function monthFromName(name: string): number | null {
  const prefix = name.toLowerCase().slice(0, 3);
  const index = MONTHS.findIndex((m) => m.startsWith(prefix));
  return index < 0 ? null : index + 1;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface DatePattern {
  re: RegExp;
  toIso: (m: RegExpExecArray) => string | null;
}

const DATE_PATTERNS: readonly DatePattern[] = [
  {
    re: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?\b/g,
    toIso: (m) => isoDate(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    re: /\b(\d{1,2})([./-])(\d{1,2})\2(\d{4})\b/g,
    toIso: (m) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const year = Number(m[4]);
      const monthFirst = a > 12 ? false : b > 12 ? true : m[2] === '/';
      return monthFirst ? isoDate(year, a, b) : isoDate(year, b, a);
    },
  },
  {
    re: new RegExp(
      String.raw`\b(\d{1,2})(?:st|nd|rd|th)?[\s-]+(${MONTH_ALT})\.?,?[\s-]+(\d{4})\b`,
      'gi',
    ),
    toIso: (m) => isoDate(Number(m[3]), monthFromName(m[2] ?? '') ?? 0, Number(m[1])),
  },
  {
    re: new RegExp(String.raw`\b(${MONTH_ALT})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`, 'gi'),
    toIso: (m) => isoDate(Number(m[3]), monthFromName(m[1] ?? '') ?? 0, Number(m[2])),
  },
];

/** Parses one date as written (any format {@link findDates} knows) into `YYYY-MM-DD`. */
export function parseDate(raw: string): string | null {
  return findDates(raw)[0]?.iso ?? null;
}

/** Calendar dates in document order; impossible dates (31 February) are skipped. */
export function findDates(text: string): DateMatch[] {
  const hits: { index: number; end: number; match: DateMatch }[] = [];
  for (const pattern of DATE_PATTERNS) {
    const re = new RegExp(pattern.re.source, pattern.re.flags);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const iso = pattern.toIso(m);
      if (iso !== null) {
        hits.push({ index: m.index, end: m.index + m[0].length, match: { text: m[0], iso } });
      }
    }
  }
  hits.sort((a, b) => a.index - b.index || b.end - a.end);
  const out: DateMatch[] = [];
  let lastEnd = -1;
  for (const hit of hits) {
    if (hit.index < lastEnd) continue;
    out.push(hit.match);
    lastEnd = hit.end;
  }
  return out;
}

const PERCENT_RE = /(?<![\d.,])-?\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)/gi;

/** Percentages as written ("19%", "12.5 %", "3 percent"), in document order. */
export function findPercentages(text: string): string[] {
  return [...text.matchAll(PERCENT_RE)].map((m) => m[0]);
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string, limit: number): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}

/** Distinct amounts, dates and percentages, at most `limit` of each, in document order. */
export function findFigures(text: string, limit = 8): Figures {
  return {
    amounts: uniqueBy(findAmounts(text), (a) => `${a.currency ?? ''}${a.value}`, limit),
    dates: uniqueBy(findDates(text), (d) => d.iso, limit),
    percentages: uniqueBy(findPercentages(text), (p) => p.replace(/\s/g, ''), limit),
  };
}

/** "1,234.5" — grouped, at most two decimals, locale-independent. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** "1,234.50 EUR" — always two decimals; the code is left out when unknown. */
export function formatMoney(value: number, currency: string | null): string {
  const n = value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return currency === null ? n : `${n} ${currency}`;
}

/** Rounds to cents without the 1.005 -> 1.00 surprise of naive rounding. */
export function roundMoney(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
