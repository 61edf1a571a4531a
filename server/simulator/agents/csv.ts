/**
 * A small RFC 4180 reader for the summarizer and the invoice extractor.
 *
 * Real-world CSVs come with semicolons (European spreadsheets), tabs, quoted fields with commas
 * and embedded newlines, so splitting on "," would report wrong column counts, which is exactly
 * the kind of figure the summarizer promises to get right.
 */

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

export type Delimiter = (typeof CANDIDATE_DELIMITERS)[number];

/** Picks the delimiter that occurs most often (outside quotes) in the first line. */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** Parses CSV text into rows of cells; blank lines are dropped. */
export function parseCsv(text: string, delimiter: Delimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || (row[0] ?? '').trim() !== '') rows.push(row);
    row = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') inQuotes = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      inQuotes = true;
      cell = '';
    } else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows.map((r) => r.map((c) => c.trim()));
}
