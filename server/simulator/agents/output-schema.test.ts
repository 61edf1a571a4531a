import { describe, expect, it } from 'vitest';
import { parseAmount, parseDate } from './figures';
import { INVOICE_VOCABULARY } from './invoice-fields';
import {
  coerceScalar,
  describeFields,
  normalizeFieldName,
  parseOutputSchema,
  resolveVocabularyField,
  shapeData,
  vocabularyToSchema,
} from './output-schema';
import type { SchemaNode } from './output-schema';

const parsers = { number: parseAmount, date: parseDate };

describe('parseOutputSchema', () => {
  it('reads a JSON Schema document with nested arrays of objects', () => {
    const parsed = parseOutputSchema(
      JSON.stringify({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: {
          invoice_number: { type: 'string', description: 'as printed' },
          issued: { type: 'string', format: 'date' },
          total: { type: ['number', 'null'] },
          paid: { type: 'boolean' },
          items: {
            type: 'array',
            items: {
              type: 'object',
              properties: { sku: { type: 'string' }, qty: { type: 'integer' } },
            },
          },
          tags: { type: 'array', items: { type: 'string' } },
          vendor: { anyOf: [{ type: 'null' }, { type: 'string' }] },
        },
      }),
    );
    expect(parsed.form).toBe('json-schema');
    expect(parsed.notes).toEqual([]);
    expect(parsed.root).toEqual({
      type: 'object',
      fields: [
        { name: 'invoice_number', node: { type: 'string', description: 'as printed' } },
        { name: 'issued', node: { type: 'date' } },
        { name: 'total', node: { type: 'number' } },
        { name: 'paid', node: { type: 'boolean' } },
        {
          name: 'items',
          node: {
            type: 'array',
            items: {
              type: 'object',
              fields: [
                { name: 'sku', node: { type: 'string' } },
                { name: 'qty', node: { type: 'integer' } },
              ],
            },
          },
        },
        { name: 'tags', node: { type: 'array', items: { type: 'string' } } },
        { name: 'vendor', node: { type: 'string' } },
      ],
    });
  });

  it('notes JSON Schema keywords it cannot follow', () => {
    const parsed = parseOutputSchema('{"type":"object","properties":{"a":{"$ref":"#/defs/x"}}}');
    expect(parsed.notes).toEqual(['"$ref" at $.a is not supported; read as "any".']);
    expect(describeFields(parsed.root as SchemaNode)).toEqual(['a']);
  });

  it('reads the simple form, including the nested line_items example from the docs', () => {
    const parsed = parseOutputSchema(
      '{"line_items": [{"sku": "string", "qty": "number"}], "invoice_no": "string", "due": "date", "count": "int", "paid": "bool", "note": "anything the buyer wrote", "rate": 0.5, "n": 3}',
    );
    expect(parsed.form).toBe('simple');
    expect(parsed.root).toEqual({
      type: 'object',
      fields: [
        {
          name: 'line_items',
          node: {
            type: 'array',
            items: {
              type: 'object',
              fields: [
                { name: 'sku', node: { type: 'string' } },
                { name: 'qty', node: { type: 'number' } },
              ],
            },
          },
        },
        { name: 'invoice_no', node: { type: 'string' } },
        { name: 'due', node: { type: 'date' } },
        { name: 'count', node: { type: 'integer' } },
        { name: 'paid', node: { type: 'boolean' } },
        { name: 'note', node: { type: 'string', description: 'anything the buyer wrote' } },
        { name: 'rate', node: { type: 'number' } },
        { name: 'n', node: { type: 'integer' } },
      ],
    });
  });

  it('treats {"type": "string"} as a simple schema with a field called "type"', () => {
    const parsed = parseOutputSchema('{"type": "string"}');
    expect(parsed.form).toBe('simple');
    expect(describeFields(parsed.root as SchemaNode)).toEqual(['type']);
  });

  it('picks known fields from plain English, longest phrase first, in the order mentioned', () => {
    const parsed = parseOutputSchema(
      'the invoice number, the total and the due date',
      INVOICE_VOCABULARY,
    );
    expect(parsed.form).toBe('natural-language');
    expect(parsed.root).toEqual({
      type: 'object',
      fields: [
        { name: 'invoice_number', node: { type: 'string' } },
        { name: 'total', node: { type: 'number' } },
        { name: 'due_date', node: { type: 'date' } },
      ],
    });
  });

  it('understands synonyms and nested lists in plain English', () => {
    const parsed = parseOutputSchema(
      'Give me the supplier, the line items and the amount due.',
      INVOICE_VOCABULARY,
    );
    expect(describeFields(parsed.root as SchemaNode)).toEqual([
      'vendor',
      'line_items[].sku',
      'line_items[].description',
      'line_items[].quantity',
      'line_items[].unit_price',
      'line_items[].amount',
      'total',
    ]);
  });

  it('falls back honestly when English names nothing known or JSON is broken', () => {
    expect(parseOutputSchema('the colour of the logo', INVOICE_VOCABULARY)).toEqual({
      form: 'natural-language',
      root: null,
      notes: ['No known field was recognised in the schema description.'],
    });
    const broken = parseOutputSchema("{'total': 'number'}", INVOICE_VOCABULARY);
    expect(broken.form).toBe('natural-language');
    expect(broken.notes[0]).toMatch(/does not parse/);
    expect(describeFields(broken.root as SchemaNode)).toEqual(['total']);
  });

  it('reports no schema for empty input', () => {
    expect(parseOutputSchema(undefined)).toEqual({ form: 'none', root: null, notes: [] });
    expect(parseOutputSchema('   ')).toEqual({ form: 'none', root: null, notes: [] });
  });
});

describe('field names', () => {
  it('normalises spelling variants', () => {
    expect(normalizeFieldName('Invoice No.')).toBe('invoice_no');
    expect(normalizeFieldName('invoiceNumber')).toBe('invoice_number');
    expect(normalizeFieldName('due-date')).toBe('due_date');
  });

  it('resolves synonyms exactly, then by the longest contained phrase', () => {
    const key = (name: string) => resolveVocabularyField(name, INVOICE_VOCABULARY)?.key;
    expect(key('amountDue')).toBe('total');
    expect(key('Grand Total')).toBe('total');
    expect(key('invoice_total_eur')).toBe('total');
    expect(key('total_tax')).toBe('tax');
    expect(key('net_amount')).toBe('subtotal');
    expect(key('supplier_vat_rate')).toBe('tax_rate');
    expect(key('colour')).toBeUndefined();
  });
});

describe('coerceScalar', () => {
  it('converts to the requested type or gives null', () => {
    expect(coerceScalar('1.234,50', 'number', parsers)).toBe(1234.5);
    expect(coerceScalar(2.6, 'integer')).toBe(3);
    expect(coerceScalar(559.06, 'string')).toBe('559.06');
    expect(coerceScalar('yes', 'boolean')).toBe(true);
    expect(coerceScalar('maybe', 'boolean')).toBeNull();
    expect(coerceScalar('14 March 2026', 'date', parsers)).toBe('2026-03-14');
    expect(coerceScalar('soon', 'date', parsers)).toBeNull();
    expect(coerceScalar(undefined, 'string')).toBeNull();
    expect(coerceScalar({ a: 1 }, 'any')).toEqual({ a: 1 });
  });
});

describe('shapeData', () => {
  const source = {
    invoice_number: 'INV-7',
    total: 559.06,
    due_date: '2026-04-13',
    line_items: [
      { sku: 'PP-100', description: 'Paper', quantity: 10, unit_price: 24.5, amount: 245 },
      { sku: null, description: 'Lamp', quantity: 1, unit_price: 45, amount: 45 },
    ],
  };

  it('maps requested names to source fields through synonyms and coerces types', () => {
    const root = parseOutputSchema(
      '{"invoiceNo": "string", "amount_due": "integer", "due": "string", "items": [{"item_code": "string", "qty": "number", "line_total": "string"}], "colour": "string"}',
    ).root as SchemaNode;
    expect(shapeData(root, source, INVOICE_VOCABULARY, parsers)).toEqual({
      invoiceNo: 'INV-7',
      amount_due: 559,
      due: '2026-04-13',
      items: [
        { item_code: 'PP-100', qty: 10, line_total: '245' },
        { item_code: null, qty: 1, line_total: '45' },
      ],
      colour: null,
    });
  });

  it('keeps nested objects with null leaves when nothing was found', () => {
    const root = parseOutputSchema('{"buyer": {"name": "string", "vat_id": "string"}}')
      .root as SchemaNode;
    expect(shapeData(root, {}, INVOICE_VOCABULARY)).toEqual({
      buyer: { name: null, vat_id: null },
    });
  });

  it('fills a root array from the source list', () => {
    const root = parseOutputSchema('[{"sku": "string", "price": "number"}]').root as SchemaNode;
    expect(shapeData(root, source, INVOICE_VOCABULARY)).toEqual([
      { sku: 'PP-100', price: 24.5 },
      { sku: null, price: 45 },
    ]);
  });

  it('matches differently spelled keys without a vocabulary', () => {
    const root = parseOutputSchema('{"InvoiceNumber": "string"}').root as SchemaNode;
    expect(shapeData(root, source)).toEqual({ InvoiceNumber: 'INV-7' });
  });

  it('produces the default shape from the vocabulary', () => {
    const shaped = shapeData(vocabularyToSchema(INVOICE_VOCABULARY), source, INVOICE_VOCABULARY);
    expect(Object.keys(shaped as object)).toEqual(INVOICE_VOCABULARY.map((f) => f.key));
    expect(shaped).toMatchObject({ invoice_number: 'INV-7', vendor: null, total: 559.06 });
  });
});
