import { describe, expect, it } from 'vitest';
import { checkConformance, parseOutputSchema } from './schema-conformance';

function issues(schema: string, data: unknown) {
  const parsed = parseOutputSchema(schema);
  if (!parsed) throw new Error('schema not parsed');
  return checkConformance(parsed, data);
}

describe('parseOutputSchema', () => {
  it('reads JSON forms only', () => {
    expect(parseOutputSchema('the invoice number and total')).toBeUndefined();
    expect(parseOutputSchema('')).toBeUndefined();
    expect(parseOutputSchema('{not json')).toBeUndefined();
    expect(parseOutputSchema('{"total": "number"}')).toMatchObject({ type: 'object' });
  });
});

describe('checkConformance, simple form', () => {
  const schema =
    '{"invoice_number": "string", "total": "number", "line_items": [{"sku": "string", "qty": "int"}]}';

  it('finds nothing when the data fits', () => {
    expect(
      issues(schema, { invoice_number: 'A', total: 9.5, line_items: [{ sku: 'x', qty: 2 }] }),
    ).toEqual([]);
  });

  it('lists missing fields, type mismatches and extra keys, with their paths', () => {
    expect(
      issues(schema, {
        total: '9.50',
        line_items: [
          { sku: 'x', qty: 2 },
          { qty: 1.5, colour: 'red' },
        ],
        notes: 'hi',
      }),
    ).toEqual([
      { path: 'invoice_number', problem: 'missing' },
      { path: 'total', problem: 'type', expected: 'number', actual: 'string' },
      { path: 'line_items[1].sku', problem: 'missing' },
      { path: 'line_items[1].qty', problem: 'type', expected: 'integer', actual: 'number' },
      { path: 'line_items[1].colour', problem: 'extra' },
      { path: 'notes', problem: 'extra' },
    ]);
  });

  it('counts no null as an issue: extraction says "not found" with null', () => {
    const nulls = {
      invoice_number: null,
      total: null,
      line_items: [{ sku: null, qty: null }],
    };
    expect(issues(schema, nulls)).toEqual([]);
    expect(issues(schema, [nulls, { ...nulls, line_items: null }])).toEqual([]);
  });

  it('checks each entry when the data is a list of what the schema describes', () => {
    expect(issues('{"total": "number"}', [{ total: 1 }, { total: 'x' }])).toEqual([
      { path: '[1].total', problem: 'type', expected: 'number', actual: 'string' },
    ]);
    expect(issues('{"line_items": [{"sku": "string"}]}', { line_items: 'none' })).toEqual([
      { path: 'line_items', problem: 'type', expected: 'array', actual: 'string' },
    ]);
  });

  it('reads descriptions as text and dates as ISO dates', () => {
    expect(
      issues('{"total": "the grand total in EUR", "due": "date"}', { total: 5, due: '2026-03-31' }),
    ).toEqual([{ path: 'total', problem: 'type', expected: 'string', actual: 'number' }]);
    expect(issues('{"due": "date"}', { due: 'next week' })).toEqual([
      { path: 'due', problem: 'type', expected: 'date', actual: 'string' },
    ]);
  });
});

describe('checkConformance, JSON Schema', () => {
  const schema = JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['total'],
    properties: {
      total: { type: 'number' },
      memo: { type: ['string', 'null'] },
      po: { type: 'string' },
      issued: { type: 'string', format: 'date' },
      items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
    },
  });

  it('honours required, nullable types, formats and item schemas', () => {
    expect(
      issues(schema, { total: 3, memo: null, issued: '2026-01-02', items: [{ n: 1 }] }),
    ).toEqual([]);
    expect(issues(schema, { memo: 4, items: [{ n: 'one' }], other: true })).toEqual([
      { path: 'total', problem: 'missing' },
      { path: 'memo', problem: 'type', expected: 'string', actual: 'number' },
      { path: 'items[0].n', problem: 'type', expected: 'integer', actual: 'string' },
      { path: 'other', problem: 'extra' },
    ]);
  });

  it('finds a null missing only where required lists it and its type does not allow null', () => {
    expect(
      issues(schema, { total: null, memo: null, po: null, issued: null, items: null }),
    ).toEqual([{ path: 'total', problem: 'missing' }]);
    const listed = JSON.stringify({
      type: 'object',
      required: ['memo'],
      properties: { memo: { type: ['string', 'null'] } },
    });
    expect(issues(listed, { memo: null })).toEqual([]);
  });

  it('allows extra keys when additionalProperties is true', () => {
    const open = JSON.stringify({
      type: 'object',
      properties: { a: {} },
      additionalProperties: true,
    });
    expect(issues(open, { a: 1, b: 2 })).toEqual([]);
  });
});

describe('names from the schema and the data', () => {
  it('reads a type word only from its own list: "constructor" is a description', () => {
    expect(issues('{"note": "constructor"}', { note: 'text' })).toEqual([]);
  });

  it('finds a field named like a property of Object missing when the data lacks it', () => {
    expect(issues('{"constructor": "string", "toString": "string"}', {})).toEqual([
      { path: 'constructor', problem: 'missing' },
      { path: 'toString', problem: 'missing' },
    ]);
  });
});
