import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelativeTime } from './format';

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

describe('formatRelativeTime', () => {
  const now = Date.parse('2026-05-12T12:00:00Z');

  it.each([
    ['2026-05-12T12:00:00Z', 'just now'],
    ['2026-05-12T12:00:03Z', 'just now'],
    ['2026-05-12T11:59:30Z', '30 seconds ago'],
    ['2026-05-12T11:57:00Z', '3 minutes ago'],
    ['2026-05-12T10:00:00Z', '2 hours ago'],
    ['2026-05-11T11:00:00Z', 'yesterday'],
    ['2026-05-12T14:00:00Z', 'in 2 hours'],
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
