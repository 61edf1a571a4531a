/**
 * Ready-made output schemas for the common extraction jobs. They use the simple
 * `{"field": "type"}` form of the API's own examples (not JSON Schema), which is what the agents
 * are prompted with; a person can start from one and edit it. Stored as text, formatted the way
 * `Format JSON` would, so inserting one never leaves the field "unformatted".
 */

export interface SchemaTemplate {
  name: string;
  schema: string;
}

const template = (name: string, schema: object): SchemaTemplate => ({
  name,
  schema: JSON.stringify(schema, null, 2),
});

export const SCHEMA_TEMPLATES: readonly SchemaTemplate[] = [
  template('Line items', {
    line_items: [
      { description: 'string', quantity: 'number', unit_price: 'number', amount: 'number' },
    ],
  }),
  template('Invoice header', {
    invoice_number: 'string',
    invoice_date: 'string (YYYY-MM-DD)',
    due_date: 'string (YYYY-MM-DD)',
    vendor_name: 'string',
    customer_name: 'string',
    currency: 'string (ISO 4217)',
    subtotal: 'number',
    tax: 'number',
    total: 'number',
  }),
  template('Key facts', {
    summary: 'string',
    key_facts: ['string'],
    parties: ['string'],
    dates: [{ date: 'string (YYYY-MM-DD)', event: 'string' }],
  }),
];
