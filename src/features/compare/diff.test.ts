import { describe, expect, it } from 'vitest';
import { diffData, listKeyChoices, listPattern, parseNumber, type FieldDiff } from './diff';

/** The rows as `path: change`, the shape most assertions read best in. */
const changes = (rows: readonly FieldDiff[]) => rows.map((row) => `${row.path}: ${row.change}`);
const row = (rows: readonly FieldDiff[], path: string) => rows.find((entry) => entry.path === path);

describe('diffData', () => {
  it('compares nested objects field by field under dotted paths', () => {
    const { rows, counts } = diffData(
      { invoice_number: 'INV-1', vendor: { name: 'ACME', city: 'Berlin' }, note: 'x' },
      { invoice_number: 'INV-1', vendor: { name: 'ACME GmbH', city: 'Berlin', vat: 'DE1' } },
    );
    expect(changes(rows)).toEqual([
      'invoice_number: equal',
      'vendor.name: changed',
      'vendor.city: equal',
      'vendor.vat: added',
      'note: removed',
    ]);
    expect(counts).toEqual({ equal: 2, changed: 1, added: 1, removed: 1 });
    expect(row(rows, 'vendor.name')).toMatchObject({ left: 'ACME', right: 'ACME GmbH' });
    expect(row(rows, 'note')).toMatchObject({ left: 'x', leftPresent: true, rightPresent: false });
  });

  it('gives numbers a delta and a percentage of the left value', () => {
    const { rows } = diffData({ total: 505.51, tax: 0, qty: 2 }, { total: 520, tax: 5, qty: 2 });
    expect(row(rows, 'total')).toMatchObject({ change: 'changed' });
    expect(row(rows, 'total')?.numeric?.delta).toBe(14.49);
    expect(row(rows, 'total')?.numeric?.percent).toBeCloseTo(2.866, 3);
    // No percentage of nothing.
    expect(row(rows, 'tax')?.numeric).toEqual({ delta: 5, percent: undefined });
    expect(row(rows, 'qty')?.change).toBe('equal');
    // Float noise never shows: 0.3 - 0.1 is 0.2, not 0.19999999999999998.
    expect(diffData({ a: 0.1 }, { a: 0.3 }).rows[0]?.numeric?.delta).toBe(0.2);
  });

  it('reads numeric text as numbers when both sides are numbers', () => {
    const { rows } = diffData(
      { total: '1,234.50', shipping: '$12.00', fee: '12', code: '0042', paid: '$10' },
      { total: '1,300.00', shipping: 12, fee: '12.00', code: 'A42', paid: '€10' },
    );
    expect(row(rows, 'total')?.numeric?.delta).toBe(65.5);
    // The same amount written two ways is equal.
    expect(row(rows, 'shipping')?.change).toBe('equal');
    expect(row(rows, 'fee')?.change).toBe('equal');
    // Text on one side: a plain text change, no delta.
    expect(row(rows, 'code')).toMatchObject({ change: 'changed' });
    expect(row(rows, 'code')?.numeric).toBeUndefined();
    // Different currencies are not the same amount.
    expect(row(rows, 'paid')).toMatchObject({ change: 'changed' });
    expect(row(rows, 'paid')?.numeric).toBeUndefined();
  });

  it('tells null from a missing field', () => {
    const { rows, counts } = diffData(
      { a: null, b: null, c: null, d: 1 },
      { a: null, b: 'found', d: null },
    );
    expect(changes(rows)).toEqual(['a: equal', 'b: changed', 'c: removed', 'd: changed']);
    expect(row(rows, 'c')).toMatchObject({ left: null, leftPresent: true, rightPresent: false });
    expect(row(rows, 'b')?.typeChange).toEqual({ from: 'null', to: 'text' });
    expect(counts).toEqual({ equal: 1, changed: 2, added: 0, removed: 1 });
  });

  it('marks a change of type', () => {
    const { rows } = diffData(
      { total: 12, vendor: 'ACME', items: [1] },
      { total: { amount: 12 }, vendor: ['ACME'], items: { first: 1 } },
    );
    expect(rows.map((entry) => entry.typeChange)).toEqual([
      { from: 'number', to: 'object' },
      { from: 'text', to: 'list' },
      { from: 'list', to: 'object' },
    ]);
    expect(rows.every((entry) => entry.change === 'changed')).toBe(true);
  });

  it('matches list items by index by default', () => {
    const { rows } = diffData(
      {
        line_items: [
          { sku: 'A', qty: 1 },
          { sku: 'B', qty: 2 },
        ],
      },
      { line_items: [{ sku: 'B', qty: 2 }] },
    );
    expect(changes(rows)).toEqual([
      'line_items[0].sku: changed',
      'line_items[0].qty: changed',
      'line_items[1].sku: removed',
      'line_items[1].qty: removed',
    ]);
  });

  it('matches list items by the key field chosen for that list', () => {
    const left = {
      line_items: [
        { sku: 'A-1', qty: 1, price: '10.00' },
        { sku: 'B-2', qty: 2, price: '5.00' },
        { sku: 'C-3', qty: 1, price: '1.00' },
      ],
    };
    const right = {
      line_items: [
        { sku: 'B-2', qty: 3, price: '5.00' },
        { sku: 'A-1', qty: 1, price: '10.00' },
        { sku: 'D 4', qty: 1, price: '2.00' },
      ],
    };
    const { rows, counts } = diffData(left, right, { keys: { line_items: 'sku' } });
    expect(changes(rows)).toEqual([
      'line_items[sku=A-1].sku: equal',
      'line_items[sku=A-1].qty: equal',
      'line_items[sku=A-1].price: equal',
      'line_items[sku=B-2].sku: equal',
      'line_items[sku=B-2].qty: changed',
      'line_items[sku=B-2].price: equal',
      'line_items[sku=C-3].sku: removed',
      'line_items[sku=C-3].qty: removed',
      'line_items[sku=C-3].price: removed',
      'line_items[sku="D 4"].sku: added',
      'line_items[sku="D 4"].qty: added',
      'line_items[sku="D 4"].price: added',
    ]);
    expect(row(rows, 'line_items[sku=B-2].qty')?.numeric).toEqual({ delta: 1, percent: 50 });
    expect(counts).toEqual({ equal: 5, changed: 1, added: 3, removed: 3 });
  });

  it('pairs repeated keys in order, and items without the key by their order', () => {
    const { rows } = diffData(
      [{ sku: 'A', n: 1 }, { sku: 'A', n: 2 }, { n: 9 }],
      [{ n: 8 }, { sku: 'A', n: 1 }, { sku: 'A', n: 3 }],
      { keys: { '': 'sku' } },
    );
    expect(changes(rows)).toEqual([
      '[sku=A].sku: equal',
      '[sku=A].n: equal',
      '[sku=A#2].sku: equal',
      '[sku=A#2].n: changed',
      '[2].n: changed',
    ]);
  });

  it('applies a key chosen for a list inside every item of an outer list', () => {
    const doc = (qty: number) => ({
      items: [
        { sku: 'X', qty },
        { sku: 'Y', qty: 1 },
      ],
    });
    const flipped = (qty: number) => ({
      items: [
        { sku: 'Y', qty: 1 },
        { sku: 'X', qty },
      ],
    });
    const { rows } = diffData([doc(1), doc(1)], [flipped(1), flipped(2)], {
      keys: { '[].items': 'sku' },
    });
    expect(rows.filter((entry) => entry.change !== 'equal').map((entry) => entry.path)).toEqual([
      '[1].items[sku=X].qty',
    ]);
  });

  it('quotes keys that would read as paths, and keeps __proto__ as a field', () => {
    const left = JSON.parse('{"a.b": 1, "__proto__": {"x": 1}, "with space": 2}') as unknown;
    const right = JSON.parse('{"a.b": 2, "__proto__": {"x": 2}, "with space": 2}') as unknown;
    expect(changes(diffData(left, right).rows)).toEqual([
      '["a.b"]: changed',
      '__proto__.x: changed',
      '["with space"]: equal',
    ]);
  });

  it('takes no key from Object’s own names', () => {
    const rows = diffData(
      { constructor: [{ a: 1 }] },
      { constructor: [{ a: 2 }] },
      { keys: {} },
    ).rows;
    expect(changes(rows)).toEqual(['constructor[0].a: changed']);
  });

  it('compares a whole value that is not an object', () => {
    expect(changes(diffData('yes', 'no').rows)).toEqual([': changed']);
    expect(changes(diffData([], []).rows)).toEqual([': equal']);
    expect(changes(diffData({ a: {} }, { a: { b: 1 } }).rows)).toEqual(['a.b: added']);
  });

  it('stays flat and fast on a large answer', () => {
    const items = (shift: number) =>
      Array.from({ length: 2_000 }, (_, index) => ({
        id: `row-${index}`,
        amount: index + shift * (index % 2),
        label: `Item ${index}`,
      }));
    const started = performance.now();
    const { counts } = diffData(
      { items: items(0) },
      { items: items(1) },
      { keys: { items: 'id' } },
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(counts).toEqual({ equal: 5_000, changed: 1_000, added: 0, removed: 0 });
  });

  it('compares nesting past its depth limit as one value', () => {
    let left: unknown = 1;
    let right: unknown = 2;
    for (let depth = 0; depth < 100; depth++) {
      left = { a: left };
      right = { a: right };
    }
    const { rows } = diffData(left, right);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.change).toBe('changed');
  });
});

describe('parseNumber', () => {
  it.each([
    ['1,234.50', 1234.5, ''],
    ['$12.00', 12, '$'],
    ['EUR 505.51', 505.51, 'EUR'],
    ['505.51 EUR', 505.51, 'EUR'],
    ['-12', -12, ''],
    ['(12.00)', -12, ''],
    ['−3', -3, ''],
    ['12.5 %', 12.5, '%'],
    ['€ -1,000', -1000, '€'],
  ])('reads %s', (text, value, unit) => {
    expect(parseNumber(text)).toMatchObject({ value, unit });
  });

  it.each([
    '1.234,56',
    'ABC 12',
    '12 USD EUR',
    '(12',
    'INV-12',
    '2026-03-01',
    '',
    '1,23',
    '$',
    'abc',
  ])('leaves %j as text', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });

  it('keeps the decimals a number carries', () => {
    expect(parseNumber(1.5e-7)?.decimals).toBe(8);
    expect(parseNumber(12)?.decimals).toBe(0);
    expect(parseNumber(Number.NaN)).toBeUndefined();
  });
});

describe('listKeyChoices', () => {
  it('offers the fields the items carry as text or numbers, the most common first', () => {
    const left = {
      line_items: [
        { sku: 'A', qty: 1, tags: ['x'] },
        { sku: 'B', qty: 2, note: 'n' },
      ],
      docs: [{ id: 1, items: [{ code: 'c' }] }],
    };
    const right = { line_items: [{ sku: 'A', qty: 1, meta: { a: 1 } }], names: ['a', 'b'] };
    expect(listKeyChoices(left, right)).toEqual([
      { pattern: 'line_items', keys: ['qty', 'sku', 'note'] },
      { pattern: 'docs', keys: ['id'] },
      { pattern: 'docs[].items', keys: ['code'] },
    ]);
  });

  it('offers keys for a top-level list of documents', () => {
    expect(listKeyChoices([{ file: 'a.txt' }], [{ file: 'b.txt' }])).toEqual([
      { pattern: '', keys: ['file'] },
    ]);
  });
});

describe('listPattern', () => {
  it('writes every item selector as []', () => {
    expect(listPattern('docs[2].items[sku=A-1].qty')).toBe('docs[].items[].qty');
    expect(listPattern('docs[id="a ]b"#2].items')).toBe('docs[].items');
    expect(listPattern('vendor["a.b"].x')).toBe('vendor["a.b"].x');
  });
});
