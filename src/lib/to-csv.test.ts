import { describe, expect, it } from 'vitest';
import { csvField, findTables, flattenRow, isTabular, toCsv } from './to-csv';

describe('flattenRow', () => {
  it('dots nested keys, keeps scalars and writes arrays as JSON', () => {
    expect(
      flattenRow({
        sku: 'A-1',
        price: { amount: 2.5, currency: 'EUR' },
        tags: ['x', 'y'],
        n: null,
      }),
    ).toEqual({
      sku: 'A-1',
      'price.amount': 2.5,
      'price.currency': 'EUR',
      tags: '["x","y"]',
      n: null,
    });
    expect(flattenRow({ empty: {} })).toEqual({ empty: '{}' });
    expect(flattenRow('plain')).toEqual({ value: 'plain' });
  });
});

describe('toCsv', () => {
  it('writes a header of every column and one row per item, RFC 4180 quoted', () => {
    const csv = toCsv([
      { description: 'Hosting, March', quantity: 1, amount: 120 },
      { description: 'Said "hi"', quantity: 2, extra: 'line\nbreak' },
    ]);
    expect(csv).toBe(
      'description,quantity,amount,extra\r\n' +
        '"Hosting, March",1,120,\r\n' +
        '"Said ""hi""",2,,"line\nbreak"\r\n',
    );
  });

  it('never lets a spreadsheet run a cell as a formula, but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
  });
});

describe('findTables', () => {
  it('takes a list of objects as one table, and finds lists of objects inside an object', () => {
    expect(findTables([{ a: 1 }, { a: 2 }])).toEqual([{ path: '', rows: [{ a: 1 }, { a: 2 }] }]);
    const invoice = {
      invoice_number: 'INV-1',
      line_items: [{ sku: 'A' }],
      parties: { contacts: [{ name: 'Ann' }] },
      tags: ['x'],
    };
    expect(findTables(invoice)).toEqual([
      { path: 'line_items', rows: [{ sku: 'A' }] },
      { path: 'parties.contacts', rows: [{ name: 'Ann' }] },
    ]);
    expect(findTables({ a: 1 })).toEqual([]);
    expect(isTabular([])).toBe(false);
    expect(isTabular([{ a: 1 }, 2])).toBe(false);
  });
});

describe('rows named by the data', () => {
  it('reads a column another row lacks as empty, even when it is named like a property of Object', () => {
    const rows: Record<string, unknown>[] = [{ constructor: 'x', toString: 'y' }, { amount: 1 }];
    expect(toCsv(rows)).toBe('constructor,toString,amount\r\nx,y,\r\n,,1\r\n');
  });

  it('keeps a `__proto__` key as a column', () => {
    const rows = JSON.parse('[{"__proto__": null, "amount": 1}]') as unknown[];
    expect(toCsv(rows)).toBe('__proto__,amount\r\n,1\r\n');
  });
});
