import { describe, expect, it } from 'vitest';
import { parseOutputSchema } from './output-schema';

describe('parseOutputSchema', () => {
  it('reads plain language, an empty schema and broken JSON as no schema', () => {
    expect(parseOutputSchema('the invoice number and total')).toBeUndefined();
    expect(parseOutputSchema('')).toBeUndefined();
    expect(parseOutputSchema(undefined)).toBeUndefined();
    expect(parseOutputSchema('{"total": number}')).toBeUndefined();
  });

  it('reads the shorthand: type words, descriptions as text, lists of objects', () => {
    expect(
      parseOutputSchema('{"id": "str", "note": "the memo", "items": [{"qty": "int"}]}'),
    ).toEqual({
      type: 'object',
      nullable: false,
      closed: true,
      fields: [
        {
          name: 'id',
          node: { type: 'string', nullable: false },
          required: true,
          mustHaveValue: false,
        },
        {
          name: 'note',
          node: { type: 'string', nullable: false },
          required: true,
          mustHaveValue: false,
        },
        {
          name: 'items',
          required: true,
          mustHaveValue: false,
          node: {
            type: 'array',
            nullable: false,
            items: {
              type: 'object',
              nullable: false,
              closed: true,
              fields: [
                {
                  name: 'qty',
                  node: { type: 'integer', nullable: false },
                  required: true,
                  mustHaveValue: false,
                },
              ],
            },
          },
        },
      ],
    });
  });

  it('reads a JSON Schema: required, nullable types, date formats, open objects', () => {
    const schema = JSON.stringify({
      type: 'object',
      required: ['total'],
      additionalProperties: true,
      properties: {
        total: { type: 'number' },
        memo: { type: ['string', 'null'] },
        issued: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
      },
    });
    expect(parseOutputSchema(schema)).toEqual({
      type: 'object',
      nullable: false,
      closed: false,
      fields: [
        {
          name: 'total',
          node: { type: 'number', nullable: false },
          required: true,
          mustHaveValue: true,
        },
        {
          name: 'memo',
          node: { type: 'string', nullable: true },
          required: false,
          mustHaveValue: false,
        },
        {
          name: 'issued',
          node: { type: 'date', nullable: true },
          required: false,
          mustHaveValue: false,
        },
      ],
    });
  });

  it('takes {"type": "string"} as the shorthand for one field called "type"', () => {
    expect(parseOutputSchema('{"type": "string"}')).toMatchObject({
      type: 'object',
      fields: [{ name: 'type', node: { type: 'string' } }],
    });
  });
});
