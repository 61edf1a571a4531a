/** Human-readable sizes, durations and timestamps: pure, with an explicit `now` where time matters;
 *  English only. */

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

/**
 * Formats an elapsed time in milliseconds compactly: `850 ms`, `1.2 s`, `42 s`, `3 min 5 s`,
 * `2 h 14 min`. Precision drops as the value grows because nobody needs milliseconds on a
 * two-hour task.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1).replace(/\.0$/, '')} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) {
    const seconds = totalSeconds % 60;
    return seconds === 0 ? `${totalMinutes} min` : `${totalMinutes} min ${seconds} s`;
  }
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
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
 * A past event relative to `now`: `just now`, `5 seconds ago`, `yesterday`. A time ahead of the
 * browser's clock (a server's clock skew) is `just now`; an unparseable one `—`.
 */
export function formatRelativeTime(value: string | number | Date, now: number): string {
  const time = value instanceof Date ? value.getTime() : new Date(value).getTime();
  if (Number.isNaN(time)) return '—';
  const diffSeconds = Math.min(0, (time - now) / 1000);
  const abs = -diffSeconds;
  if (abs < 5) return 'just now';
  for (const step of RELATIVE_STEPS) {
    if (abs >= step.seconds) {
      return relativeFormatter.format(Math.trunc(diffSeconds / step.seconds), step.unit);
    }
  }
  return relativeFormatter.format(Math.trunc(diffSeconds), 'second');
}

/** Epoch ms of a Date, epoch-ms number or date string; NaN when it names no instant. */
function toEpochMs(value: Date | number | string): number {
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * `HH:MM:SS` in the browser's local time, 24-hour: the "as of 14:05:09" mark beside data that
 * may be stale (offline, rate-limited). Seconds matter there because polls are seconds apart;
 * the date does not, because stale data is minutes old, not days. Built by hand rather than with
 * `Intl` so no locale can turn it into `2:05:09 PM`.
 */
export function formatClockTime(value: Date | number | string): string {
  const time = toEpochMs(value);
  if (Number.isNaN(time)) return '—';
  const date = new Date(time);
  return `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
}

// `hourCycle: 'h23'` rather than `hour12: false`: some engines read the latter as h24 and print
// midnight as 24:00:00.
const exactFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * A full local date and time, e.g. `30 Nov 2026, 14:05:09`, for hover titles on relative times
 * ("3 minutes ago"), which are easier to scan but useless when comparing with a log. Day before
 * month in words, so nobody has to guess whether 03/04 is March or April.
 */
export function formatExactTime(value: Date | number | string): string {
  const time = toEpochMs(value);
  if (Number.isNaN(time)) return '—';
  return exactFormatter.format(time);
}
