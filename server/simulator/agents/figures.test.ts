import { describe, expect, it } from 'vitest';
import {
  detectCurrency,
  findAmounts,
  findDates,
  findFigures,
  findPercentages,
  formatMoney,
  parseAmount,
  parseDate,
  roundMoney,
} from './figures';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 1234.56],
    ['1.234,56', 1234.56],
    ['1,500', 1500],
    ['12,5', 12.5],
    ['0.125', 0.125],
    ['1.234.567', 1234567],
    ["1'234.50", 1234.5],
    ['EUR 559.06', 559.06],
    ['559,06 €', 559.06],
    ['(45.00)', -45],
    ['-3', -3],
    ['€-3.50', -3.5],
    ['Total - 559.06', 559.06],
  ])('%s -> %d', (raw, value) => {
    expect(parseAmount(raw)).toBe(value);
  });

  it('returns null without digits', () => {
    expect(parseAmount('n/a')).toBeNull();
  });
});

describe('findAmounts', () => {
  it('finds amounts with symbols or codes on either side, and ignores bare numbers', () => {
    const found = findAmounts('Paid $1,200.00 and EUR 559.06, then 89,90 € and 12 units in 2026.');
    expect(found).toEqual([
      { text: '$1,200.00', value: 1200, currency: 'USD' },
      { text: 'EUR 559.06', value: 559.06, currency: 'EUR' },
      { text: '89,90 €', value: 89.9, currency: 'EUR' },
    ]);
  });

  it('detects the first currency mentioned', () => {
    expect(detectCurrency('Amounts in GBP unless noted; $ for US')).toBe('GBP');
    expect(detectCurrency('no money here')).toBeNull();
  });
});

describe('dates', () => {
  it('normalises the common formats to ISO', () => {
    expect(parseDate('2026-04-13T10:00:00Z')).toBe('2026-04-13');
    expect(parseDate('14 March 2026')).toBe('2026-03-14');
    expect(parseDate('March 14th, 2026')).toBe('2026-03-14');
    expect(parseDate('14-Mar-2026')).toBe('2026-03-14');
    expect(parseDate('Sept 3, 2025')).toBe('2025-09-03');
    expect(parseDate('14.03.2026')).toBe('2026-03-14');
    expect(parseDate('31/01/2026')).toBe('2026-01-31');
  });

  it('reads ambiguous slashed dates month-first and dotted ones day-first', () => {
    expect(parseDate('03/04/2026')).toBe('2026-03-04');
    expect(parseDate('03.04.2026')).toBe('2026-04-03');
  });

  it('skips impossible dates and keeps document order', () => {
    expect(parseDate('2026-02-30')).toBeNull();
    expect(findDates('from 1 May 2026 to 2026-04-01').map((d) => d.iso)).toEqual([
      '2026-05-01',
      '2026-04-01',
    ]);
  });
});

describe('findFigures', () => {
  it('collects distinct amounts, dates and percentages', () => {
    const f = findFigures(
      'Up 12.5% (was 3 percent). EUR 10 on 2026-01-02, EUR 10 again on 2 January 2026.',
    );
    expect(f.percentages).toEqual(['12.5%', '3 percent']);
    expect(f.amounts).toHaveLength(1);
    expect(f.dates.map((d) => d.iso)).toEqual(['2026-01-02']);
  });

  it('does not read a percentage as a plain number elsewhere', () => {
    expect(findPercentages('VAT (19%): 89.26')).toEqual(['19%']);
  });
});

describe('money formatting', () => {
  it('formats with two decimals and rounds half up at the cent', () => {
    expect(formatMoney(1234.5, 'EUR')).toBe('1,234.50 EUR');
    expect(formatMoney(3, null)).toBe('3.00');
    expect(roundMoney(1.005)).toBe(1.01);
  });
});
