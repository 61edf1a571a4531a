import { describe, expect, it } from 'vitest';
import { invoiceScript, parseTotalChoice } from './invoice';
import type { TotalCandidate } from './invoice-fields';
import { binaryFile, context, drive, runInput, textFile } from './test-support';
import { INVOICE_TXT, TWO_TOTALS_TXT } from './test-fixtures';
import type { CompleteStep, ScriptStep } from './types';

function completion(steps: ScriptStep[]): CompleteStep {
  const last = steps[steps.length - 1];
  if (last?.kind !== 'complete') throw new Error(`expected complete, got ${JSON.stringify(last)}`);
  return last;
}

const invoice = () => textFile('march-invoice.txt', INVOICE_TXT, 'text/plain');

describe('invoice extractor: output schema forms', () => {
  it('fills a JSON Schema with correctly typed values', () => {
    const schema = JSON.stringify({
      type: 'object',
      properties: {
        invoiceNumber: { type: 'string' },
        issueDate: { type: 'string', format: 'date' },
        grandTotal: { type: 'number' },
        taxPercent: { type: 'integer' },
        supplier: { type: 'string' },
        lines: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              quantity: { type: 'integer' },
              price: { type: 'number' },
            },
          },
        },
      },
    });
    const done = completion(
      drive(invoiceScript, runInput('Extract this', [invoice()], { output_schema: schema })),
    );
    expect(done.extractedData).toEqual({
      invoiceNumber: 'INV-2026-0042',
      issueDate: '2026-03-14',
      grandTotal: 559.06,
      taxPercent: 19,
      supplier: 'ACME Supplies GmbH',
      lines: [
        { code: 'PP-100', quantity: 10, price: 24.5 },
        { code: 'TC-220', quantity: 2, price: 89.9 },
        { code: 'DL-005', quantity: 1, price: 45 },
      ],
    });
  });

  it('fills the simple form with nested line items, and null for what is not there', () => {
    const schema =
      '{"line_items": [{"sku": "string", "qty": "number"}], "total": "string", "bank_iban": "string"}';
    const done = completion(
      drive(invoiceScript, runInput(null, [invoice()], { output_schema: schema })),
    );
    expect(done.extractedData).toEqual({
      line_items: [
        { sku: 'PP-100', qty: 10 },
        { sku: 'TC-220', qty: 2 },
        { sku: 'DL-005', qty: 1 },
      ],
      total: '559.06',
      bank_iban: null,
    });
    expect(done.summary).toContain('**Not found (null):** bank_iban');
  });

  it('reads a natural-language schema as the known fields it names', () => {
    const steps = drive(
      invoiceScript,
      runInput(null, [invoice()], {
        output_schema: 'the invoice number, the total and the due date',
      }),
    );
    expect(completion(steps).extractedData).toEqual({
      invoice_number: 'INV-2026-0042',
      total: 559.06,
      due_date: '2026-04-13',
    });
    expect(steps[0]).toMatchObject({
      kind: 'message',
      content: expect.stringContaining('invoice_number, total, due_date') as unknown,
    });
  });

  it('returns the default invoice shape without a schema', () => {
    const done = completion(drive(invoiceScript, runInput(null, [invoice()])));
    expect(done.extractedData).toMatchObject({
      invoice_number: 'INV-2026-0042',
      vendor: 'ACME Supplies GmbH',
      customer: 'Globex Corporation',
      currency: 'EUR',
      subtotal: 469.8,
      tax: 89.26,
      total: 559.06,
    });
    expect(done.summary).toContain('subtotal + tax = total ✓');
  });

  it('shows the trail: plan, read_file with what was read, extract_fields, then complete', () => {
    const steps = drive(invoiceScript, runInput(null, [invoice()]));
    expect(steps.map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'message',
      'read_file',
      'extract_fields',
      'complete',
    ]);
    expect(steps[1]).toMatchObject({
      arguments: { filename: 'march-invoice.txt' },
      output: {
        readable: true,
        size_bytes: new TextEncoder().encode(INVOICE_TXT).length,
        preview: ['ACME Supplies GmbH', 'Musterstraße 1, 10115 Berlin', 'VAT ID: DE 123456789'],
      },
    });
    for (const s of steps) expect(s.durationMs).toBeGreaterThanOrEqual(300);
    for (const s of steps) expect(s.durationMs).toBeLessThanOrEqual(1500);
  });
});

describe('invoice extractor: two totals', () => {
  const twoTotals = () => textFile('march-invoice.txt', TWO_TOTALS_TXT);

  it('asks which total is right, naming both values', () => {
    const gen = invoiceScript(runInput(null, [twoTotals()]), context());
    let step = gen.next();
    while (step.done !== true && step.value.kind !== 'ask_user') step = gen.next();
    expect(step.done).toBe(false);
    const question = step.value as ScriptStep;
    expect(question.kind).toBe('ask_user');
    if (question.kind !== 'ask_user') return;
    expect(question.question).toContain('559.06 EUR');
    expect(question.question).toContain('605.00 EUR');
    expect(question.question).toContain('"Total: EUR 605.00"');
  });

  it('uses the second total when the user says "the second one"', () => {
    const steps = drive(invoiceScript, runInput(null, [twoTotals()]), context(), [
      { kind: 'answer', text: 'the second one' },
    ]);
    const done = completion(steps);
    expect((done.extractedData as { total: number }).total).toBe(605);
    expect(done.summary).toContain('as you chose ("the second one")');
    expect(steps.filter((s) => s.kind === 'ask_user')).toHaveLength(1);
  });

  it('accepts an amount from the list, or a figure of the user’s own', () => {
    const byAmount = drive(invoiceScript, runInput(null, [twoTotals()]), context(), [
      { kind: 'answer', text: 'It is 559,06 EUR' },
    ]);
    expect((completion(byAmount).extractedData as { total: number }).total).toBe(559.06);
    const own = drive(invoiceScript, runInput(null, [twoTotals()]), context(), [
      { kind: 'answer', text: 'Neither, use 600' },
    ]);
    expect((completion(own).extractedData as { total: number }).total).toBe(600);
    expect(completion(own).summary).toContain('does not appear as a total in the document');
  });

  it('asks once more, then picks the larger total and says so', () => {
    const steps = drive(invoiceScript, runInput(null, [twoTotals()]), context(), [
      { kind: 'answer', text: 'hmm, not sure' },
      { kind: 'answer', text: 'whatever you think' },
    ]);
    const asks = steps.filter((s) => s.kind === 'ask_user');
    expect(asks).toHaveLength(2);
    expect(asks[1]).toMatchObject({
      question: expect.stringContaining('"hmm, not sure"') as unknown,
    });
    expect((completion(steps).extractedData as { total: number }).total).toBe(605);
    expect(steps).toContainEqual(
      expect.objectContaining({
        kind: 'message',
        content: expect.stringContaining('used the larger one, 605.00 EUR') as unknown,
      }),
    );
  });

  it('stops asking as soon as the second answer is clear', () => {
    const steps = drive(invoiceScript, runInput(null, [twoTotals()]), context(), [
      { kind: 'answer', text: '?' },
      { kind: 'answer', text: 'first' },
    ]);
    expect((completion(steps).extractedData as { total: number }).total).toBe(559.06);
  });
});

describe('parseTotalChoice', () => {
  const candidates: TotalCandidate[] = [
    { value: 559.06, line: 25, text: 'Total: EUR 559.06' },
    { value: 605, line: 26, text: 'Total: EUR 605.00' },
  ];
  it.each([
    ['the second one', { kind: 'candidate', index: 1 }],
    ['2nd', { kind: 'candidate', index: 1 }],
    ['First.', { kind: 'candidate', index: 0 }],
    ['the last', { kind: 'candidate', index: 1 }],
    ['the smaller one', { kind: 'candidate', index: 0 }],
    ['605', { kind: 'candidate', index: 1 }],
    ['€559.06 is right', { kind: 'candidate', index: 0 }],
    ['2', { kind: 'candidate', index: 1 }],
    ['use 610.50 instead', { kind: 'amount', value: 610.5 }],
    ['first or second?', null],
    ['no idea', null],
  ])('%s', (answer, expected) => {
    expect(parseTotalChoice(answer, candidates)).toEqual(expected);
  });
});

describe('invoice extractor: edge inputs', () => {
  it('has nothing to extract without files or query', () => {
    const steps = drive(invoiceScript, runInput(null));
    expect(steps.map((s) => s.kind)).toEqual(['message', 'complete']);
    expect(completion(steps).extractedData).toEqual({});
  });

  it('extracts from the message text when no file is attached', () => {
    const done = completion(
      drive(
        invoiceScript,
        runInput('Invoice no: 991-A\nTotal due: USD 1,250.00\nDue date: May 1, 2026', [], {
          output_schema: '{"number": "string", "amount_due": "number", "due": "date"}',
        }),
      ),
    );
    expect(done.extractedData).toEqual({ number: '991-A', amount_due: 1250, due: '2026-05-01' });
  });

  it('says it cannot read a PDF and extracts nothing from it', () => {
    const steps = drive(
      invoiceScript,
      runInput('Extract', [binaryFile('scan.pdf', [0x25, 0x50, 0x44, 0x46, 0x2d])]),
    );
    const done = completion(steps);
    expect(done.extractedData).toEqual({});
    expect(done.summary).toContain('scan.pdf (PDF document)');
    expect(steps[1]).toMatchObject({
      kind: 'tool_call',
      name: 'read_file',
      output: { readable: false },
    });
  });

  it('returns one entry per readable document, in file order', () => {
    const other = textFile('april.txt', 'Invoice Number: INV-2026-0050\nTotal: 99.00 EUR\n');
    const done = completion(
      drive(
        invoiceScript,
        runInput(null, [invoice(), binaryFile('logo.png', [0x89, 0x50, 0x4e, 0x47]), other], {
          output_schema: '{"invoice_number": "string", "total": "number"}',
        }),
      ),
    );
    expect(done.extractedData).toEqual([
      { invoice_number: 'INV-2026-0042', total: 559.06 },
      { invoice_number: 'INV-2026-0050', total: 99 },
    ]);
    expect(done.summary).toContain('Not read: logo.png (PNG image)');
  });

  it('echoes instructions and admits it may not follow them', () => {
    const steps = drive(
      invoiceScript,
      runInput(null, [invoice()], { instructions: 'Dates as DD/MM/YYYY' }),
    );
    expect(steps[0]).toMatchObject({
      content: expect.stringContaining('Your instructions: "Dates as DD/MM/YYYY"') as unknown,
    });
  });
});
