import { describe, expect, it } from 'vitest';
import { chosenTotal, fieldKey, invoiceScript, parseCsv, readInvoiceDocument } from './invoice';
import { binaryFile, context, drive, runInput, textFile } from './test-support';
import type { CompleteStep, ScriptStep } from './types';

const INVOICE = `ACME Supplies GmbH
Invoice Number: INV-2026-0042
Invoice Date: 14 March 2026
Due Date: 2026-04-13
Bill to: Globex Corporation
Subtotal: 469.80
VAT (19%): 89.26
Total: EUR 559.06
`;
const TWO_TOTALS = `${INVOICE}Grand total: EUR 605.00\n`;
const LINE_ITEMS_CSV = [
  'sku,description,quantity,unit_price,amount',
  'WEB-01,"Hosting, March",1,120.00,120.00',
  'DOM-02,Domain renewal,2,12.50,25.00',
  'Total,,,,145.00',
].join('\n');
const SCHEMA = '{"invoice_number": "string", "total": "number"}';

function completion(steps: ScriptStep[]): CompleteStep {
  const last = steps.at(-1);
  if (last?.kind !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(last)}`);
  return last;
}

function extract(files: Parameters<typeof runInput>[1], schema?: string, answers: string[] = []) {
  const input = runInput('Extract', files, schema === undefined ? null : { output_schema: schema });
  const resumes = answers.map((text) => ({ kind: 'answer' as const, text }));
  return drive(invoiceScript, input, context(), resumes);
}

describe('reading a document', () => {
  it('keys labelled lines by their label, and CSV rows by their header', () => {
    expect(fieldKey('VAT (19%)')).toBe('vat');
    expect(fieldKey('Invoice Number')).toBe('invoice_number');
    expect(
      readInvoiceDocument('Invoice Number: A-1\nhttp://x\nTotal:  9\n', 'text').fields,
    ).toEqual([
      { key: 'invoice_number', value: 'A-1', line: 1, text: 'Invoice Number: A-1' },
      { key: 'total', value: '9', line: 3, text: 'Total:  9' },
    ]);
    expect(readInvoiceDocument(LINE_ITEMS_CSV, 'csv')).toEqual({
      fields: [{ key: 'total', value: '145.00', line: 4, text: 'Total: 145.00' }],
      rows: [
        {
          sku: 'WEB-01',
          description: 'Hosting, March',
          quantity: '1',
          unit_price: '120.00',
          amount: '120.00',
        },
        {
          sku: 'DOM-02',
          description: 'Domain renewal',
          quantity: '2',
          unit_price: '12.50',
          amount: '25.00',
        },
      ],
    });
  });

  it('parses quoted CSV cells and semicolon tables', () => {
    expect(parseCsv('a;b\n"x;""y""";2\r\n')).toEqual([
      ['a', 'b'],
      ['x;"y"', '2'],
    ]);
  });
});

describe('Invoice Extractor', () => {
  it('fills the schema from labelled fields, amounts as numbers', () => {
    const steps = extract([textFile('march.txt', INVOICE)], SCHEMA);
    expect(steps.map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'message',
      'read_file',
      'extract_fields',
      'complete',
    ]);
    expect(completion(steps).extractedData).toEqual({
      invoice_number: 'INV-2026-0042',
      total: 559.06,
    });
  });

  it('reads a CSV whose first column is invoice_number', () => {
    const csv = 'invoice_number,invoice_date,total\nINV-77,2026-03-01,"1,099.50"\n';
    const data = completion(extract([textFile('invoices.csv', csv)])).extractedData;
    expect(data).toMatchObject({
      invoice_number: 'INV-77',
      invoice_date: '2026-03-01',
      total: 1099.5,
    });
    expect(completion(extract([textFile('invoices.csv', csv)], SCHEMA)).extractedData).toEqual({
      invoice_number: 'INV-77',
      total: 1099.5,
    });
  });

  it('fills a list of objects from the CSV rows and the total from its labelled row', () => {
    const schema = JSON.stringify({
      invoice_number: 'string',
      line_items: [{ sku: 'string', quantity: 'number', amount: 'number' }],
      total: 'number',
    });
    expect(completion(extract([textFile('m.csv', LINE_ITEMS_CSV)], schema)).extractedData).toEqual({
      invoice_number: null,
      line_items: [
        { sku: 'WEB-01', quantity: 1, amount: 120 },
        { sku: 'DOM-02', quantity: 2, amount: 25 },
      ],
      total: 145,
    });
  });

  it('returns the standard fields without a schema, and echoes a plain-language one', () => {
    const steps = extract([textFile('march.txt', INVOICE)], 'the invoice number and the total');
    expect(steps[0]).toMatchObject({
      kind: 'message',
      content: expect.stringContaining(
        '"the invoice number and the total" is plain language',
      ) as unknown,
    });
    expect(completion(steps).extractedData).toEqual({
      invoice_number: 'INV-2026-0042',
      invoice_date: '2026-03-14',
      due_date: '2026-04-13',
      vendor: null,
      customer: 'Globex Corporation',
      currency: null,
      line_items: null,
      subtotal: 469.8,
      tax: 89.26,
      total: 559.06,
    });
  });

  it('asks which total when a document states two, and uses the one named', () => {
    const gen = invoiceScript(runInput(null, [textFile('inv.txt', TWO_TOTALS)]), context());
    let step = gen.next();
    while (step.done !== true && step.value.kind !== 'ask_user') step = gen.next();
    expect(step.value).toMatchObject({
      kind: 'ask_user',
      question:
        'inv.txt states two different totals: 559.06 EUR (line 8: "Total: EUR 559.06") and ' +
        '605.00 EUR (line 9: "Grand total: EUR 605.00"). Which one is the invoice total? Reply ' +
        'with the amount, or "first" or "second".',
    });
    for (const [answer, total] of [
      ['Use the grand total, EUR 605.00', 605],
      ['the first one', 559.06],
      ['2nd', 605],
      ['no idea', 605],
    ] as const) {
      const steps = extract([textFile('inv.txt', TWO_TOTALS)], SCHEMA, [answer]);
      expect(completion(steps).extractedData).toEqual({ invoice_number: 'INV-2026-0042', total });
    }
    const chose = completion(extract([textFile('inv.txt', TWO_TOTALS)], SCHEMA, ['605.00']));
    expect(chose.summary).toContain('605.00 EUR as you chose ("605.00")');
    const guessed = completion(extract([textFile('inv.txt', TWO_TOTALS)], SCHEMA, ['no idea']));
    expect(guessed.summary).toContain('605.00 EUR, the larger one');
  });

  it('does not ask when the schema wants no total', () => {
    const steps = extract([textFile('inv.txt', TWO_TOTALS)], '{"invoice_number": "string"}');
    expect(steps.some((s) => s.kind === 'ask_user')).toBe(false);
  });

  it('reads the positions and amounts a reply names', () => {
    const totals = [{ value: 10 }, { value: 20 }, { value: 30 }];
    expect(chosenTotal('the last one', totals)).toEqual({ value: 30 });
    expect(chosenTotal('third', totals)).toEqual({ value: 30 });
    expect(chosenTotal('20.00 please', totals)).toEqual({ value: 20 });
    expect(chosenTotal('whichever', totals)).toBeUndefined();
  });

  it('lists one object per document, says what it could not read, and extracts from the message alone', () => {
    const steps = extract(
      [
        textFile('a.txt', 'Invoice Number: A\nTotal: 1'),
        binaryFile('scan.pdf', [0x25, 0x50, 0x44, 0x46]),
        textFile('b.txt', 'Invoice Number: B\nTotal: 2'),
      ],
      SCHEMA,
    );
    const done = completion(steps);
    expect(done.extractedData).toEqual([
      { invoice_number: 'A', total: 1 },
      { invoice_number: 'B', total: 2 },
    ]);
    expect(done.summary).toContain('Not read: scan.pdf (not text');
    const message = drive(
      invoiceScript,
      runInput('Invoice Number: Q-9\nTotal: 5', [], { output_schema: SCHEMA }),
    );
    expect(completion(message).extractedData).toEqual({ invoice_number: 'Q-9', total: 5 });
  });

  it('fills fields named like properties of Object with null, not with what Object holds', () => {
    const steps = extract(
      [textFile('a.txt', 'Total: 1')],
      '{"constructor": "string", "__proto__": "string"}',
    );
    expect(JSON.stringify(completion(steps).extractedData)).toBe(
      '{"constructor":null,"__proto__":null}',
    );
  });
});
