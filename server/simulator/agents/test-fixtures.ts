/**
 * Small documents for the script tests, written like the real thing. Their figures are worked
 * out by hand in the comments so that the assertions check arithmetic, not just "a number".
 */

/**
 * A tidy invoice: 3 lines (245.00 + 179.80 + 45.00 = 469.80), VAT 19% = 89.26,
 * total 559.06 EUR.
 */
export const INVOICE_TXT = `ACME Supplies GmbH
Musterstraße 1, 10115 Berlin
VAT ID: DE 123456789

INVOICE

Invoice Number: INV-2026-0042
Invoice Date: 14 March 2026
Due Date: 2026-04-13
PO Number: PO-7781
Payment terms: Net 30

Bill To:
Globex Corporation
42 Market Street, Springfield

SKU      Description              Qty   Unit Price   Amount
PP-100   Printer paper A4 (box)   10    24.50        245.00
TC-220   Toner cartridge XL       2     89.90        179.80
DL-005   Desk lamp                1     45.00        45.00

Subtotal: 469.80
VAT (19%): 89.26
Total: EUR 559.06
`;

/** The same invoice with a second, different `Total:` line (a corrected figure pasted below). */
export const TWO_TOTALS_TXT = `${INVOICE_TXT}Total: EUR 605.00
`;

/** Sales by region: units 120 + 80 + 45 + 200 = 445; revenue 12,400.50 + 9,800 + 5,120.25 + 20,000 = 47,320.75. */
export const SALES_CSV = `region,month,units,revenue,notes
North,2026-01-31,120,"$12,400.50","strong, steady"
South,2026-01-31,80,9800,
East,2026-02-28,45,5120.25,"new ""pilot"" store"
West,2026-02-28,200,20000,
`;

/** A report with 4 headings (one fake heading inside a code block), a link, and figures. */
export const REPORT_MD = `# Q1 Report

Revenue grew 12.5% to EUR 47,320.75 by 31 March 2026.

## Highlights

- West opened its flagship store.
- Churn fell to 3 percent.

## Risks

\`\`\`
# not a heading
\`\`\`

### Next steps

See the [plan](https://example.org/plan).
`;

/** An array of 3 orders with keys id, customer, amount (one item adds "note"). */
export const ORDERS_JSON = `[
  {"id": 1, "customer": "Globex", "amount": 120.5},
  {"id": 2, "customer": "Initech", "amount": 80},
  {"id": 3, "customer": "Umbrella", "amount": 42, "note": "rush"}
]
`;

/** 3 lines, 25 words; mentions a price with a currency and a date. */
export const MEMO_TXT = `Memo: the office move is scheduled for 2026-05-04.
Movers quoted $2,450.00 for the whole floor.
Please pack your desk by Friday and label every box.
`;
