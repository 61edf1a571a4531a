/** Ready-made output schemas for common extraction jobs, in the API examples' `{"field": "type"}`
 *  form, stored as `Format JSON` would write them. */

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
