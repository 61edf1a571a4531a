/**
 * Human-readable formatting for sizes and timestamps.
 *
 * Pure functions with an explicit `now` where time matters, so the same input always renders the
 * same text and tests never depend on the wall clock. English only for now; the console has no
 * locale switch.
 */

const BYTE_UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/**
 * Formats a byte count with binary (1024) steps and at most one decimal below 100 units:
 * `0 B`, `512 B`, `1.5 KB`, `31.2 MB`, `240 MB`. Binary steps match how the simulator states its per-file
 * limit (`--max-file-mb 25` is 25 × 1024 × 1024 bytes), so the UI and the API's error text agree.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // 1023.96 KB would round to "1024.0 KB"; promote it instead so the unit stays honest.
  if (value >= 1023.95 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value < 100 ? 1 : 0;
  const text = value.toFixed(digits).replace(/\.0$/, '');
  return `${text} ${BYTE_UNITS[unit]}`;
}

const relativeFormatter = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

const RELATIVE_STEPS: ReadonlyArray<{ unit: Intl.RelativeTimeFormatUnit; seconds: number }> = [
  { unit: 'year', seconds: 365 * 24 * 3600 },
  { unit: 'month', seconds: 30 * 24 * 3600 },
  { unit: 'week', seconds: 7 * 24 * 3600 },
  { unit: 'day', seconds: 24 * 3600 },
  { unit: 'hour', seconds: 3600 },
  { unit: 'minute', seconds: 60 },
];

/**
 * Formats a timestamp relative to `now`: `just now`, `5 seconds ago`, `3 minutes ago`,
 * `yesterday`, `in 2 hours`. Anything within 5 s either way is `just now` so small clock skew
 * between the server and the browser never shows "in 2 seconds" for something that just happened.
 * Returns `—` for an unparseable input instead of throwing: timestamps come from the API.
 */
export function formatRelativeTime(value: string | number | Date, now: number): string {
  const time = value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (Number.isNaN(time)) return '—';
  const diffSeconds = (time - now) / 1000;
  const abs = Math.abs(diffSeconds);
  if (abs < 5) return 'just now';
  for (const step of RELATIVE_STEPS) {
    if (abs >= step.seconds) {
      return relativeFormatter.format(Math.trunc(diffSeconds / step.seconds), step.unit);
    }
  }
  return relativeFormatter.format(Math.trunc(diffSeconds), 'second');
}
