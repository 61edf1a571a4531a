import { describe, expect, it } from 'vitest';
import { batchCsv, batchJson, batchTable, itemsOf } from './batch-csv';

const invoice = (n: string, total: number) => ({
  invoice_number: n,
  vendor: { name: 'ACME, Inc.', country: 'DE' },
  total,
  line_items: [
    { sku: 'A', amount: 1 },
    { sku: 'B', amount: 2 },
  ],
});

describe('itemsOf', () => {
  it('gives a row per entry of a list, and one row for an object without a list', () => {
    expect(itemsOf([{ a: 1 }, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    expect(itemsOf({ a: { b: 1 } })).toEqual([{ 'a.b': 1 }]);
    expect(itemsOf('plain')).toEqual([{ value: 'plain' }]);
    expect(itemsOf(null)).toEqual([]);
    expect(itemsOf(undefined)).toEqual([]);
  });

  it('spreads the one list inside an object over rows, repeating the other fields', () => {
    expect(itemsOf(invoice('1', 3))).toEqual([
      {
        invoice_number: '1',
        'vendor.name': 'ACME, Inc.',
        'vendor.country': 'DE',
        total: 3,
        'line_items.sku': 'A',
        'line_items.amount': 1,
      },
      {
        invoice_number: '1',
        'vendor.name': 'ACME, Inc.',
        'vendor.country': 'DE',
        total: 3,
        'line_items.sku': 'B',
        'line_items.amount': 2,
      },
    ]);
  });

  it('keeps an object with two lists in one row, the lists as JSON', () => {
    expect(itemsOf({ a: [{ x: 1 }], b: [{ y: 2 }] })).toEqual([{ a: '[{"x":1}]', b: '[{"y":2}]' }]);
  });
});

describe('batchTable', () => {
  it('leads with file and task_id, then the union of every field in first-seen order', () => {
    const table = batchTable([
      { file: 'a.csv', taskId: 't1', data: [{ sku: 'A', qty: 1 }] },
      { file: 'b.csv', taskId: 't2', data: [{ sku: 'B', price: { net: 2 } }] },
      { file: 'c.csv', taskId: 't3', data: undefined },
    ]);
    expect(table.columns).toEqual(['file', 'task_id', 'sku', 'qty', 'price.net']);
    expect(table.rows.map((row) => ({ ...row }))).toEqual([
      { file: 'a.csv', task_id: 't1', sku: 'A', qty: 1 },
      { file: 'b.csv', task_id: 't2', sku: 'B', 'price.net': 2 },
      { file: 'c.csv', task_id: 't3' },
    ]);
  });

  it("writes the data's own file and task_id fields as data.file and data.task_id", () => {
    const table = batchTable([{ file: 'a.csv', taskId: 't1', data: { file: 'x', task_id: 'y' } }]);
    expect(table.columns).toEqual(['file', 'task_id', 'data.file', 'data.task_id']);
    expect(table.rows[0]?.file).toBe('a.csv');
  });

  it('reads a field named like an Object method as data, and its absence as missing', () => {
    const table = batchTable([
      { file: 'a', taskId: 't1', data: { constructor: 'c' } },
      { file: 'b', taskId: 't2', data: { other: 1 } },
    ]);
    expect(table.rows[1]?.constructor).toBeUndefined();
    expect(batchCsv([{ file: 'b', taskId: 't2', data: { other: 1 } }])).not.toContain('function');
  });
});

describe('batchCsv', () => {
  it('writes nulls empty and quotes commas, quotes and newlines', () => {
    const csv = batchCsv([
      { file: 'a, "b".csv', taskId: 't1', data: { note: 'line\nbreak', missing: null } },
    ]);
    expect(csv).toBe('file,task_id,note,missing\r\n' + '"a, ""b"".csv",t1,"line\nbreak",\r\n');
  });

  it('never lets a spreadsheet run a cell or a file name as a formula', () => {
    const csv = batchCsv([{ file: '=cmd.csv', taskId: 't1', data: { v: '+SUM(A1)', n: -3 } }]);
    expect(csv.split('\r\n')[1]).toBe("'=cmd.csv,t1,'+SUM(A1),-3");
  });

  it('holds every item of every completed file', () => {
    const csv = batchCsv([
      { file: 'one.csv', taskId: 't1', data: invoice('1', 3) },
      { file: 'two.csv', taskId: 't2', data: invoice('2', 5) },
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'file,task_id,invoice_number,vendor.name,vendor.country,total,line_items.sku,line_items.amount',
    );
    expect(lines.slice(1)).toEqual([
      'one.csv,t1,1,"ACME, Inc.",DE,3,A,1',
      'one.csv,t1,1,"ACME, Inc.",DE,3,B,2',
      'two.csv,t2,2,"ACME, Inc.",DE,5,A,1',
      'two.csv,t2,2,"ACME, Inc.",DE,5,B,2',
    ]);
  });
});

describe('batchJson', () => {
  it('keeps each answer as the API gave it, with its file and task', () => {
    expect(batchJson([{ file: 'a', taskId: 't', data: undefined }])).toEqual([
      { file: 'a', task_id: 't', extracted_data: null },
    ]);
  });
});
