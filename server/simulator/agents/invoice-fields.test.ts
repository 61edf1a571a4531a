import { describe, expect, it } from 'vitest';
import { extractInvoice } from './invoice-fields';
import { INVOICE_TXT, TWO_TOTALS_TXT } from './test-fixtures';

describe('extractInvoice', () => {
  it('reads every field of a tidy invoice', () => {
    const { record, distinctTotals } = extractInvoice(INVOICE_TXT);
    expect(record).toEqual({
      invoice_number: 'INV-2026-0042',
      invoice_date: '2026-03-14',
      due_date: '2026-04-13',
      vendor: 'ACME Supplies GmbH',
      customer: 'Globex Corporation',
      purchase_order: 'PO-7781',
      payment_terms: 'Net 30',
      currency: 'EUR',
      line_items: [
        {
          sku: 'PP-100',
          description: 'Printer paper A4 (box)',
          quantity: 10,
          unit_price: 24.5,
          amount: 245,
        },
        {
          sku: 'TC-220',
          description: 'Toner cartridge XL',
          quantity: 2,
          unit_price: 89.9,
          amount: 179.8,
        },
        { sku: 'DL-005', description: 'Desk lamp', quantity: 1, unit_price: 45, amount: 45 },
      ],
      subtotal: 469.8,
      tax: 89.26,
      tax_rate: 19,
      total: 559.06,
    });
    expect(distinctTotals).toHaveLength(1);
  });

  it('keeps every distinct total and leaves `total` to the caller when they differ', () => {
    const { record, distinctTotals, totalLines } = extractInvoice(TWO_TOTALS_TXT);
    expect(record.total).toBeNull();
    expect(distinctTotals.map((t) => [t.value, t.text])).toEqual([
      [559.06, 'Total: EUR 559.06'],
      [605, 'Total: EUR 605.00'],
    ]);
    expect(totalLines.map((t) => t.line)).toEqual([24, 25]);
  });

  it('does not count repeated equal totals, subtotals, tax or quantity totals as ambiguity', () => {
    const text =
      'Subtotal 100.00\nTotal tax 19.00\nTotal qty 7\nTotal: 119.00\nAmount due: 119,00 €\n';
    const { record, distinctTotals } = extractInvoice(text);
    expect(distinctTotals).toHaveLength(1);
    expect(record).toMatchObject({ subtotal: 100, tax: 19, total: 119, currency: 'EUR' });
  });

  it('reads Markdown tables and CSV rows under a header', () => {
    const md =
      '| Item | Qty | Price | Total |\n|---|---|---|---|\n| Widget | 3 | 2.50 | 7.50 |\n| Gadget, large | 1 | 10.00 | 10.00 |\nGrand total: £17.50\n';
    expect(extractInvoice(md).record).toMatchObject({
      vendor: null,
      currency: 'GBP',
      total: 17.5,
      line_items: [
        { description: 'Widget', quantity: 3, unit_price: 2.5, amount: 7.5 },
        { description: 'Gadget, large', quantity: 1, unit_price: 10, amount: 10 },
      ],
    });
    const csv =
      'description,quantity,unit_price,amount\n"Hosting, March",1,120.00,120.00\nDomain,2,12.00,24.00\nTotal,,,144.00\n';
    expect(extractInvoice(csv).record).toMatchObject({
      total: 144,
      line_items: [
        { description: 'Hosting, March', quantity: 1, amount: 120 },
        { description: 'Domain', quantity: 2, unit_price: 12 },
      ],
    });
  });

  it('finds rows without a header only when quantity x price = amount', () => {
    const text =
      'Invoice #A-17\nDate: 03/02/2026\nConsulting services 12 x 100.00 1,200.00\nMain Street 1 10115 2026\nTotal: $1,200.00\n';
    const { record } = extractInvoice(text);
    expect(record.invoice_number).toBe('A-17');
    expect(record.invoice_date).toBe('2026-03-02');
    expect(record.line_items).toEqual([
      {
        sku: null,
        description: 'Consulting services',
        quantity: 12,
        unit_price: 100,
        amount: 1200,
      },
    ]);
    expect(record.total).toBe(1200);
  });

  it('prefers an explicit invoice-date label over other dates', () => {
    const text = 'Date of delivery: 2026-03-20\nDue date: 2026-04-30\nInvoice date: 2026-03-31\n';
    expect(extractInvoice(text).record).toMatchObject({
      invoice_date: '2026-03-31',
      due_date: '2026-04-30',
    });
    expect(extractInvoice('Date: 5 May 2026\nDelivered 2026-05-01\n').record.invoice_date).toBe(
      '2026-05-05',
    );
  });

  it('returns nulls, not guesses, for text that is not an invoice', () => {
    const { record } = extractInvoice('From the warehouse: all good.\n');
    expect(record).toMatchObject({
      invoice_number: null,
      vendor: null,
      total: null,
      line_items: [],
    });
  });
});
