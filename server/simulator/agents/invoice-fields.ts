/**
 * Finds invoice fields in plain text with tolerant, label-driven rules, and names every field
 * the way people ask for it (the vocabulary that output schemas are matched against).
 *
 * This is not a general document parser; it is what lets the simulated "Invoice Extractor"
 * return values that really come from the file it was given, so that a dashboard can be tested
 * against believable, checkable output. The rules, line by line:
 * - `Label: value` lines for number, dates, parties, currency, PO number and terms (the value may
 *   also sit on the next line, as in address blocks under "Bill To:");
 * - money lines: "Subtotal", "Tax"/"VAT"/"GST" (the last non-percentage number on the line) and
 *   totals ("Total", "Grand total", "Total due", "Amount due", "Balance due");
 * - line items: rows under a header naming a quantity and a price/amount column (cells split on
 *   "|", tabs, runs of 2+ spaces or commas), or, without a header, rows ending in three numbers
 *   where quantity x unit price is the amount.
 * Every distinct total is kept as a candidate, so the caller can ask when they disagree.
 */
import { parseCsv } from './csv';
import { findAmounts, findDates, parseAmount, currencyCode, roundMoney } from './figures';
import type { Vocabulary } from './output-schema';

export interface LineItem {
  sku: string | null;
  description: string;
  quantity: number | null;
  unit_price: number | null;
  amount: number | null;
}

export interface InvoiceRecord {
  invoice_number: string | null;
  invoice_date: string | null;
  due_date: string | null;
  vendor: string | null;
  customer: string | null;
  purchase_order: string | null;
  payment_terms: string | null;
  currency: string | null;
  line_items: LineItem[];
  subtotal: number | null;
  tax: number | null;
  tax_rate: number | null;
  /** Null when the document states no total, or several different ones (see `totals`). */
  total: number | null;
}

/** A line that states a total. */
export interface TotalCandidate {
  value: number;
  /** 1-based line number in the document. */
  line: number;
  /** The line as written, trimmed. */
  text: string;
}

export interface InvoiceExtraction {
  record: InvoiceRecord;
  /** Every line stating a total, in document order (may repeat the same value). */
  totalLines: TotalCandidate[];
  /** One candidate per distinct value, in order of first appearance. Two or more = ambiguous. */
  distinctTotals: TotalCandidate[];
}

/** Field names and synonyms; order matters for partial matches ("tax_total" -> tax). */
export const LINE_ITEM_VOCABULARY: Vocabulary = [
  {
    key: 'sku',
    synonyms: [
      'item_code',
      'product_code',
      'code',
      'part_number',
      'part_no',
      'article_number',
      'item_number',
      'item_no',
    ],
    type: 'string',
  },
  {
    key: 'description',
    synonyms: ['item', 'name', 'product', 'service', 'details', 'item_description', 'label'],
    type: 'string',
  },
  {
    key: 'quantity',
    synonyms: ['qty', 'units', 'count', 'hours', 'pcs', 'number_of_units'],
    type: 'number',
  },
  {
    key: 'unit_price',
    synonyms: ['price', 'rate', 'unit_cost', 'price_per_unit', 'each', 'unit_amount'],
    type: 'number',
  },
  {
    key: 'amount',
    synonyms: ['line_total', 'total', 'line_amount', 'net', 'extended_price', 'sum'],
    type: 'number',
  },
];

export const INVOICE_VOCABULARY: Vocabulary = [
  {
    key: 'invoice_number',
    synonyms: [
      'invoice_no',
      'invoice_id',
      'invoice_num',
      'invoice_ref',
      'number',
      'reference',
      'invoice',
    ],
    type: 'string',
  },
  {
    key: 'invoice_date',
    synonyms: [
      'date',
      'issue_date',
      'issued',
      'issued_on',
      'date_of_issue',
      'invoice_issue_date',
      'billing_date',
    ],
    type: 'date',
  },
  {
    key: 'due_date',
    synonyms: ['due', 'payment_due', 'payment_due_date', 'due_on', 'due_by', 'pay_by'],
    type: 'date',
  },
  {
    key: 'vendor',
    synonyms: [
      'vendor_name',
      'supplier',
      'supplier_name',
      'seller',
      'seller_name',
      'from',
      'issuer',
      'company',
      'merchant',
      'biller',
    ],
    type: 'string',
  },
  {
    key: 'customer',
    synonyms: [
      'customer_name',
      'client',
      'client_name',
      'buyer',
      'buyer_name',
      'bill_to',
      'billed_to',
      'sold_to',
      'recipient',
    ],
    type: 'string',
  },
  {
    key: 'purchase_order',
    synonyms: ['po', 'po_number', 'po_no', 'order_number', 'purchase_order_number'],
    type: 'string',
  },
  { key: 'payment_terms', synonyms: ['terms', 'payment_term'], type: 'string' },
  { key: 'currency', synonyms: ['currency_code', 'ccy'], type: 'string' },
  {
    key: 'line_items',
    synonyms: ['items', 'lines', 'line_item', 'products', 'positions', 'entries', 'invoice_lines'],
    type: 'array',
    fields: LINE_ITEM_VOCABULARY,
  },
  {
    key: 'subtotal',
    synonyms: ['sub_total', 'net_amount', 'net_total', 'amount_before_tax', 'total_before_tax'],
    type: 'number',
  },
  {
    key: 'tax_rate',
    synonyms: ['vat_rate', 'tax_percent', 'tax_percentage', 'gst_rate'],
    type: 'number',
  },
  {
    key: 'tax',
    synonyms: ['tax_amount', 'vat', 'vat_amount', 'gst', 'sales_tax', 'total_tax'],
    type: 'number',
  },
  {
    key: 'total',
    synonyms: [
      'total_amount',
      'amount_due',
      'grand_total',
      'total_due',
      'balance_due',
      'invoice_total',
      'amount',
      'total_payable',
      'amount_payable',
    ],
    type: 'number',
  },
];

// ---------------------------------------------------------------------------------------------

/** Numbers on a line that are not percentages, as written. */
function numberTokens(line: string): string[] {
  return [...line.matchAll(/(?<![\w.])-?\(?\d(?:[\d.,']*\d)?\)?(?!\s?%)(?![\d.,]?\d)/g)].map(
    (m) => m[0],
  );
}

function lastAmount(text: string): number | null {
  const tokens = numberTokens(text);
  const last = tokens[tokens.length - 1];
  return last === undefined ? null : parseAmount(last);
}

const LABEL_SEPARATOR = String.raw`\s*(?:\([^)]*\))?\s*[:#\-–]?\s*`;

/**
 * The text after `label` at the start of a line. Loose labels ("Total 559.06") need no colon;
 * strict ones do (or must stand alone), so prose such as "From the warehouse…" is not a vendor.
 */
function labelled(line: string, label: string, strict = false): string | null {
  const separator = strict ? String.raw`\s*(?:\([^)]*\))?\s*(?:[:#]\s*|$)` : LABEL_SEPARATOR;
  const m = new RegExp(String.raw`^\s*(?:${label})\b${separator}(.*)$`, 'i').exec(line);
  return m === null ? null : (m[1] ?? '').trim();
}

/** The value after a label, or the next non-blank line when the label stands alone. */
function labelledValue(lines: readonly string[], index: number, label: string): string | null {
  const value = labelled(lines[index] ?? '', label, true);
  if (value === null) return null;
  if (value !== '') return value;
  for (let j = index + 1; j < lines.length && j <= index + 2; j++) {
    const next = (lines[j] ?? '').trim();
    if (next !== '') return next;
  }
  return null;
}

const VENDOR_LABEL = String.raw`from|vendor|seller|supplier|issued\s+by|bill\s+from|remit\s+to`;
const CUSTOMER_LABEL = String.raw`bill(?:ed)?\s+to|sold\s+to|customer(?:\s+name)?|client|buyer|invoice\s+to`;
const DUE_LABEL = String.raw`due\s+date|payment\s+due(?:\s+date)?|due(?:\s+on|\s+by)?|pay\s+by`;
const DATE_LABEL = String.raw`invoice\s+date|issue\s+date|date\s+of\s+issue|issued(?:\s+on)?|billing\s+date`;
/** A bare "Date:" only counts when no explicit invoice-date label exists ("Date of delivery" …). */
const BARE_DATE_LABEL = 'date';
const SUBTOTAL_LABEL = String.raw`sub[\s-]?total|net\s+(?:amount|total)|total\s+before\s+tax`;
const TAX_LABEL = String.raw`(?:sales\s+)?tax(?:\s+amount)?|vat|gst|hst|mwst|total\s+tax`;
const TOTAL_LABEL = String.raw`grand\s+total|total(?:\s+(?:due|amount|payable|to\s+pay))?|amount\s+(?:due|payable)|balance\s+due`;
/** "Total qty", "Total tax" etc. state a total of something else. */
const NOT_A_TOTAL =
  /\btotal\s+(?:tax|vat|qty|quantity|items?|units|hours|discount|weight|before)\b/i;

function cleanName(value: string): string | null {
  const cleaned = value
    .replace(/\s{2,}.*$/, '')
    .replace(/[,;]\s*$/, '')
    .trim();
  return cleaned === '' ? null : cleaned;
}

function findInvoiceNumber(line: string): string | null {
  const withKeyword =
    /\binvoice\s*(?:number|no\.?|num\.?|id|#)\s*[:#.]?\s*#?\s*([A-Z0-9][A-Z0-9\-/._]*)/i.exec(line);
  const bare = /\binvoice\s*[:#]\s*([A-Z0-9][A-Z0-9\-/._]*)/i.exec(line);
  const value = (withKeyword ?? bare)?.[1]?.replace(/[.]$/, '');
  return value !== undefined && /\d/.test(value) ? value : null;
}

// --- line items ----------------------------------------------------------------------------

type Column = 'sku' | 'description' | 'quantity' | 'unit_price' | 'amount';

function splitCells(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.includes('|'))
    return trimmed
      .split('|')
      .map((c) => c.trim())
      .filter((c, i, all) => c !== '' || (i > 0 && i < all.length - 1));
  if (trimmed.includes('\t')) return trimmed.split(/\t+/).map((c) => c.trim());
  if (/\S {2,}\S/.test(trimmed)) return trimmed.split(/ {2,}/).map((c) => c.trim());
  if ((trimmed.match(/,/g) ?? []).length >= 2) return parseCsv(trimmed, ',')[0] ?? [trimmed];
  return [trimmed];
}

function columnOf(header: string): Column | null {
  const h = header.toLowerCase().trim();
  if (
    /^(?:sku|item\s*(?:code|no\.?|#|number)|product\s*code|code|part(?:\s*(?:no\.?|number))?|article(?:\s*no\.?)?)$/.test(
      h,
    )
  )
    return 'sku';
  // Price before quantity: "Unit price" is a price, while "Units" is a quantity.
  if (/\b(?:unit|price|rate|each|cost)\b/.test(h)) return 'unit_price';
  if (/^(?:qty|quantity|units?|hours|hrs|pcs|count)\b/.test(h)) return 'quantity';
  if (/\b(?:amount|total|line\s*total|sum|ext(?:ended)?)\b/.test(h)) return 'amount';
  if (/\b(?:desc(?:ription)?|item|product|service|details|name|article)\b/.test(h))
    return 'description';
  return null;
}

function headerColumns(line: string): (Column | null)[] | null {
  const cells = splitCells(line);
  if (cells.length < 2) return null;
  const columns = cells.map(columnOf);
  const has = (c: Column) => columns.includes(c);
  return has('description') && has('quantity') && (has('unit_price') || has('amount'))
    ? columns
    : null;
}

function isNumericCell(cell: string): boolean {
  return /^[^\d]{0,4}-?\(?\d[\d.,']*\)?\s*(?:[A-Za-z€$£¥₹]{0,4}|pcs|hrs?)?$/.test(cell.trim());
}

function splitSku(description: string): { sku: string | null; description: string } {
  const m = /^([A-Z]{1,5}-?\d{2,}[A-Z0-9-]*)\s+(.+)$/.exec(description);
  return m === null ? { sku: null, description } : { sku: m[1] ?? null, description: m[2] ?? '' };
}

function completeItem(item: LineItem): LineItem {
  const { quantity } = item;
  let { unit_price, amount } = item;
  if (amount === null && quantity !== null && unit_price !== null)
    amount = roundMoney(quantity * unit_price);
  if (unit_price === null && quantity !== null && quantity !== 0 && amount !== null)
    unit_price = roundMoney(amount / quantity);
  return { ...item, quantity, unit_price, amount };
}

function rowFromHeader(cells: string[], columns: (Column | null)[]): LineItem | null {
  const values: Partial<Record<Column, string>> = {};
  if (cells.length === columns.length) {
    columns.forEach((c, i) => {
      if (c !== null) values[c] = cells[i];
    });
  } else {
    // Whitespace-aligned rows lose empty cells: numbers are matched from the right, the rest is text.
    const numericColumns = columns.filter(
      (c): c is Column => c === 'quantity' || c === 'unit_price' || c === 'amount',
    );
    const rest = [...cells];
    for (let i = numericColumns.length - 1; i >= 0 && rest.length > 1; i--) {
      const last = rest[rest.length - 1] ?? '';
      if (!isNumericCell(last)) break;
      const column = numericColumns[i];
      if (column !== undefined) values[column] = rest.pop();
    }
    if (columns.includes('sku') && rest.length >= 2) values.sku = rest.shift();
    values.description = rest.join(' ');
  }
  const description = (values.description ?? '').trim();
  if (description === '' || !/[\p{L}]/u.test(description)) return null;
  const num = (c: Column) => (values[c] === undefined ? null : parseAmount(values[c]));
  const quantity = num('quantity');
  const unit_price = num('unit_price');
  const amount = num('amount');
  if (quantity === null && unit_price === null && amount === null) return null;
  const split =
    values.sku === undefined
      ? splitSku(description)
      : { sku: values.sku.trim() || null, description };
  return completeItem({
    sku: split.sku,
    description: split.description,
    quantity,
    unit_price,
    amount,
  });
}

/** A row without a header: "<description> <qty> <unit price> <amount>" where qty x price = amount. */
function rowWithoutHeader(line: string): LineItem | null {
  const m =
    /^\s*(.*?\p{L}.*?)\s+(\d+(?:[.,]\d+)?)\s*(?:x|×)?\s+[^\d\s-]{0,3}\s?(\d[\d.,']*)\s+[^\d\s-]{0,3}\s?(\d[\d.,']*)\s*(?:[A-Z]{3}|[€$£])?\s*$/u.exec(
      line,
    );
  if (m === null) return null;
  const quantity = parseAmount(m[2] ?? '');
  const unit_price = parseAmount(m[3] ?? '');
  const amount = parseAmount(m[4] ?? '');
  if (quantity === null || unit_price === null || amount === null || amount === 0) return null;
  if (Math.abs(quantity * unit_price - amount) > Math.max(0.02, amount * 0.02)) return null;
  const split = splitSku((m[1] ?? '').trim());
  return { sku: split.sku, description: split.description, quantity, unit_price, amount };
}

function isMoneyLabelLine(line: string): boolean {
  return new RegExp(
    String.raw`^\s*(?:${SUBTOTAL_LABEL}|${TAX_LABEL}|${TOTAL_LABEL}|discount|shipping|freight)\b`,
    'i',
  ).test(line);
}

function findLineItems(lines: readonly string[]): LineItem[] {
  const items: LineItem[] = [];
  let columns: (Column | null)[] | null = null;
  for (const line of lines) {
    if (line.trim() === '' || /^\s*[-=_|+ ]+\s*$/.test(line)) continue;
    const header = headerColumns(line);
    if (header !== null) {
      columns = header;
      continue;
    }
    if (isMoneyLabelLine(line)) {
      columns = null;
      continue;
    }
    const item =
      columns !== null ? rowFromHeader(splitCells(line), columns) : rowWithoutHeader(line);
    if (item !== null) items.push(item);
  }
  return items;
}

// --- the whole document ------------------------------------------------------------------------

function mostCommonCurrency(text: string): string | null {
  const counts = new Map<string, number>();
  for (const a of findAmounts(text)) {
    if (a.currency !== null) counts.set(a.currency, (counts.get(a.currency) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [code, n] of counts) {
    if (n > bestCount) {
      best = code;
      bestCount = n;
    }
  }
  return best;
}

function firstDateIn(text: string): string | null {
  return findDates(text)[0]?.iso ?? null;
}

/** Extracts what it can; absent fields are null and `line_items` is empty, never invented. */
export function extractInvoice(text: string): InvoiceExtraction {
  const lines = text.split(/\r\n|\r|\n/);
  const record: InvoiceRecord = {
    invoice_number: null,
    invoice_date: null,
    due_date: null,
    vendor: null,
    customer: null,
    purchase_order: null,
    payment_terms: null,
    currency: null,
    line_items: [],
    subtotal: null,
    tax: null,
    tax_rate: null,
    total: null,
  };
  const totalLines: TotalCandidate[] = [];
  let bareDate: string | null = null;

  lines.forEach((line, i) => {
    record.invoice_number ??= findInvoiceNumber(line);
    const due = labelled(line, DUE_LABEL);
    if (due !== null) record.due_date ??= firstDateIn(due);
    else {
      const issued = labelled(line, DATE_LABEL);
      if (issued !== null) record.invoice_date ??= firstDateIn(issued);
      const bare = labelled(line, BARE_DATE_LABEL, true);
      if (bare !== null) bareDate ??= firstDateIn(bare);
    }
    const vendor = labelledValue(lines, i, VENDOR_LABEL);
    if (vendor !== null) record.vendor ??= cleanName(vendor);
    const customer = labelledValue(lines, i, CUSTOMER_LABEL);
    if (customer !== null) record.customer ??= cleanName(customer);
    const po =
      /\b(?:p\.?o\.?|purchase\s+order)\s*(?:no\.?|number|#)?\s*[:#]\s*([A-Z0-9][\w\-/]*)/i.exec(
        line,
      );
    if (po !== null) record.purchase_order ??= po[1] ?? null;
    const terms = labelled(line, String.raw`(?:payment\s+)?terms`, true);
    if (terms !== null && terms !== '') record.payment_terms ??= terms;
    const currency = labelled(line, 'currency', true);
    if (currency !== null) record.currency ??= currencyCode(currency.split(/\s/)[0] ?? '');

    if (labelled(line, SUBTOTAL_LABEL) !== null) {
      record.subtotal ??= lastAmount(line);
    } else if (labelled(line, TAX_LABEL) !== null && !/\b(?:rate|id|no|number|reg)\b/i.test(line)) {
      record.tax ??= lastAmount(line);
      const rate = /(\d+(?:[.,]\d+)?)\s?%/.exec(line);
      if (rate !== null) record.tax_rate ??= parseAmount(rate[1] ?? '');
    } else if (labelled(line, TOTAL_LABEL) !== null && !NOT_A_TOTAL.test(line)) {
      const value = lastAmount(line);
      if (value !== null) totalLines.push({ value, line: i + 1, text: line.trim() });
    }
  });

  // A document that names no vendor label usually starts with the vendor's name.
  if (record.vendor === null) {
    const first = lines.map((l) => l.trim()).find((l) => l !== '');
    const looksLikeName =
      first !== undefined &&
      first.length <= 80 &&
      !/[:#|\t]/.test(first) &&
      (first.match(/,/g) ?? []).length < 2 &&
      !/^(?:tax\s+)?invoice\b/i.test(first) &&
      /\p{L}{2}/u.test(first);
    if (looksLikeName) {
      record.vendor = first;
    }
  }
  record.invoice_date ??=
    bareDate ?? findDates(text).find((d) => d.iso !== record.due_date)?.iso ?? null;
  record.currency ??= mostCommonCurrency(text);
  record.line_items = findLineItems(lines);

  const distinctTotals: TotalCandidate[] = [];
  for (const candidate of totalLines) {
    if (!distinctTotals.some((d) => Math.abs(d.value - candidate.value) < 0.005))
      distinctTotals.push(candidate);
  }
  if (distinctTotals.length === 1) record.total = distinctTotals[0]?.value ?? null;
  return { record, totalLines, distinctTotals };
}
