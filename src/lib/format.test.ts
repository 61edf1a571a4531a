import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatClockTime,
  formatDuration,
  formatExactTime,
  formatRelativeTime,
} from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1023, '1023 B'],
    [1024, '1 KB'],
    [1536, '1.5 KB'],
    [10 * 1024, '10 KB'],
    [1024 * 1024 - 1, '1 MB'],
    [31.2 * 1024 * 1024, '31.2 MB'],
    [240.4 * 1024 * 1024, '240 MB'],
    [5 * 1024 ** 3, '5 GB'],
  ])('%d bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
  });

  it('refuses nonsense instead of printing NaN', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [1000, '1 s'],
    [1234, '1.2 s'],
    [9999, '9.9 s'],
    [42_000, '42 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [3_600_000, '1 h'],
    [8_040_000, '2 h 14 min'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('refuses negative durations', () => {
    expect(formatDuration(-5)).toBe('—');
  });
});

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-05-12T12:00:00Z');

  it.each([
    ['2026-05-12T12:00:00Z', 'just now'],
    ['2026-05-12T12:00:03Z', 'just now'],
    ['2026-05-12T11:59:30Z', '30 seconds ago'],
    ['2026-05-12T11:57:00Z', '3 minutes ago'],
    ['2026-05-12T10:00:00Z', '2 hours ago'],
    ['2026-05-11T11:00:00Z', 'yesterday'],
    ['2026-05-12T14:00:00Z', 'just now'],
    ['2026-04-01T12:00:00Z', 'last month'],
  ])('%s → %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('accepts Date objects and epoch milliseconds', () => {
    expect(formatRelativeTime(new Date(now - 120_000), now)).toBe('2 minutes ago');
    expect(formatRelativeTime(now - 120_000, now)).toBe('2 minutes ago');
  });

  it('shows a dash for an unparseable timestamp', () => {
    expect(formatRelativeTime('not a date', now)).toBe('—');
  });
});

// Expected values are built from local-time Date constructors, so these pass in any time zone.
describe('formatClockTime', () => {
  it.each([
    [new Date(2026, 10, 30, 14, 5, 9), '14:05:09'],
    [new Date(2026, 10, 30, 0, 0, 0), '00:00:00'],
    [new Date(2026, 10, 30, 23, 59, 59, 999), '23:59:59'],
    [new Date(2026, 0, 1, 9, 7, 3), '09:07:03'],
  ])('%s → %s', (date, expected) => {
    expect(formatClockTime(date)).toBe(expected);
  });

  it('accepts epoch milliseconds and ISO strings', () => {
    const date = new Date(2026, 10, 30, 14, 5, 9);
    expect(formatClockTime(date.getTime())).toBe('14:05:09');
    expect(formatClockTime(date.toISOString())).toBe('14:05:09');
  });

  it('shows a dash for something that is not a time', () => {
    expect(formatClockTime('not a date')).toBe('—');
    expect(formatClockTime(Number.NaN)).toBe('—');
    expect(formatClockTime(new Date(Number.NaN))).toBe('—');
  });
});

describe('formatExactTime', () => {
  it.each([
    [new Date(2026, 10, 30, 14, 5, 9), '30 Nov 2026, 14:05:09'],
    [new Date(2026, 0, 1, 0, 0, 0), '1 Jan 2026, 00:00:00'],
    [new Date(2026, 4, 12, 23, 59, 59), '12 May 2026, 23:59:59'],
  ])('%s → %s', (date, expected) => {
    expect(formatExactTime(date)).toBe(expected);
  });

  it('accepts epoch milliseconds and ISO strings', () => {
    const date = new Date(2026, 10, 30, 14, 5, 9);
    expect(formatExactTime(date.getTime())).toBe('30 Nov 2026, 14:05:09');
    expect(formatExactTime(date.toISOString())).toBe('30 Nov 2026, 14:05:09');
  });

  it('shows a dash for something that is not a time', () => {
    expect(formatExactTime('yesterday-ish')).toBe('—');
    expect(formatExactTime(Number.NaN)).toBe('—');
    expect(formatExactTime(new Date(Number.NaN))).toBe('—');
  });
});
