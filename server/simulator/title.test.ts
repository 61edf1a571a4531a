import { describe, expect, it } from 'vitest';
import { deriveTitle, TITLE_MAX_LENGTH } from './title';

describe('deriveTitle', () => {
  it('keeps a short query, collapsing whitespace', () => {
    expect(deriveTitle('  Reconcile\n the   March invoices ', [])).toBe(
      'Reconcile the March invoices',
    );
  });

  it('cuts a long query at a word boundary with an ellipsis', () => {
    const query =
      'Please read every attached purchase order and extract the line items, the totals and the delivery dates for the quarterly review';
    const title = deriveTitle(query, []) ?? '';
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(title.endsWith('…')).toBe(true);
    expect(query.startsWith(title.slice(0, -1))).toBe(true);
    expect(query[title.length - 1]).toBe(' ');
  });

  it('cuts a single over-long word mid-word', () => {
    const title = deriveTitle('x'.repeat(200), []) ?? '';
    expect(title).toBe(`${'x'.repeat(TITLE_MAX_LENGTH - 1)}…`);
  });

  it('names files for a files-only run, summarising the ones that do not fit', () => {
    expect(deriveTitle(null, ['a.pdf', 'b.csv'])).toBe('a.pdf, b.csv');
    expect(deriveTitle('   ', ['a.pdf'])).toBe('a.pdf');
    const many = Array.from({ length: 12 }, (_, i) => `quarterly-statement-${i + 1}.pdf`);
    const title = deriveTitle(null, many) ?? '';
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_LENGTH);
    expect(title).toMatch(/^quarterly-statement-1\.pdf, quarterly-statement-2\.pdf.* \+\d+ more$/);
    expect(deriveTitle(null, [])).toBeNull();
  });
});
