/**
 * Simulator options: one table of option specs drives the defaults, the `--flag` parser, the
 * `SIMULATOR_*` environment variables and `--help`, so the four can never drift apart.
 *
 * Precedence: defaults < environment < command-line flags. Invalid values throw a
 * `SimulatorOptionsError` whose message names the flag or variable and the accepted values.
 */
import type { SeedAgent } from './agents/types';
import type { Clock } from './clock';
import type { RequestLogEntry } from './request-log';

/** The key `npm start` and `npm run simulator` accept when none is configured. */
export const DEFAULT_SIMULATOR_API_KEY = 'sim_local_dev_key';

/** Real milliseconds added to each `/api` response: a fixed value when `minMs === maxMs`. */
export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

export interface SimulatorOptions {
  /** TCP port; 0 picks a free ephemeral port. */
  port: number;
  host: string;
  /** The only key accepted in `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Virtual milliseconds per real millisecond (ignored when `clock` is given). */
  timeScale: number;
  /** Seeds ids, script variation, latency jitter and the injected error rate. */
  seed: number;
  latency: LatencyRange;
  /** Share (0–1) of `/api/v1` requests answered 500 or 503 at random (seeded). */
  errorRate: number;
  /** Requests per minute per API key; 0 disables the limit. */
  rateLimit: number;
  maxFileMb: number;
  maxFiles: number;
  /** MB of uploaded files held before their agents read them; the oldest are dropped past it. */
  maxInputMb: number;
  /** Concurrent tasks per agent version before new tasks are `queued`. */
  concurrency: number;
  /** Steps the "Trace Stress Test" agent produces. */
  longTraceSteps: number;
  /** Print nothing (the CLI's banner and request lines). */
  quiet: boolean;
  /** Programmatic only: the clock to use, e.g. a `ManualClock` in tests. */
  clock?: Clock;
  /** Programmatic only: replaces the seeded agents (tests of the engine with custom scripts). */
  seedAgents?: () => SeedAgent[];
  /** Programmatic only: called after each `/api/v1` request is answered and logged. */
  onRequest?: (entry: RequestLogEntry) => void;
}

export const DEFAULT_SIMULATOR_OPTIONS: Readonly<SimulatorOptions> = Object.freeze({
  port: 4010,
  host: '127.0.0.1',
  apiKey: DEFAULT_SIMULATOR_API_KEY,
  timeScale: 1,
  seed: 42,
  latency: Object.freeze({ minMs: 0, maxMs: 0 }),
  errorRate: 0,
  rateLimit: 0,
  maxFileMb: 25,
  maxFiles: 20,
  maxInputMb: 256,
  concurrency: 2,
  longTraceSteps: 10_000,
  quiet: false,
});

export class SimulatorOptionsError extends Error {
  override name = 'SimulatorOptionsError';
}

type ValueKey = Exclude<keyof SimulatorOptions, 'clock' | 'seedAgents' | 'onRequest'>;

interface OptionSpec {
  key: ValueKey;
  flag: string;
  env: string;
  /** Placeholder shown in --help; absent for boolean switches. */
  arg?: string;
  help: string;
  /** Parses a raw string; throws with a message that completes "expects …". */
  parse: (raw: string) => SimulatorOptions[ValueKey];
}

function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const trimmed = raw.trim();
    if (!/^-?\d+$/.test(trimmed)) throw new Error(`an integer from ${min} to ${max}`);
    const value = Number(trimmed);
    if (value < min || value > max) throw new Error(`an integer from ${min} to ${max}`);
    return value;
  };
}

function decimal(min: number, max: number, exclusiveMin = false) {
  return (raw: string): number => {
    const value = Number(raw.trim());
    const tooLow = exclusiveMin ? value <= min : value < min;
    if (raw.trim() === '' || !Number.isFinite(value) || tooLow || value > max) {
      throw new Error(
        `a number ${exclusiveMin ? 'above' : 'from'} ${min}${max < Infinity ? ` to ${max}` : ''}`,
      );
    }
    return value;
  };
}

function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new Error('a non-empty string');
  return raw.trim();
}

function bool(raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on', ''].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new Error('true or false');
}

/** "150" → fixed 150 ms; "100-300" → uniformly between 100 and 300 ms. */
export function parseLatency(raw: string): LatencyRange {
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  if (!match) throw new Error('milliseconds as "150" or a range "100-300"');
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  if (maxMs < minMs) throw new Error('a range whose upper bound is not below its lower bound');
  return { minMs, maxMs };
}

const SPECS: readonly OptionSpec[] = [
  {
    key: 'port',
    flag: '--port',
    env: 'SIMULATOR_PORT',
    arg: 'N',
    help: 'TCP port; 0 = any free port',
    parse: integer(0, 65535),
  },
  {
    key: 'host',
    flag: '--host',
    env: 'SIMULATOR_HOST',
    arg: 'HOST',
    help: 'interface to bind (use 0.0.0.0 to expose it on the network)',
    parse: nonEmpty,
  },
  {
    key: 'apiKey',
    flag: '--api-key',
    env: 'SIMULATOR_API_KEY',
    arg: 'KEY',
    help: 'the API key clients must send as "Authorization: Bearer KEY"',
    parse: nonEmpty,
  },
  {
    key: 'timeScale',
    flag: '--time-scale',
    env: 'SIMULATOR_TIME_SCALE',
    arg: 'X',
    help: 'virtual ms per real ms (tests use 20-50)',
    parse: decimal(0, 1_000_000, true),
  },
  {
    key: 'seed',
    flag: '--seed',
    env: 'SIMULATOR_SEED',
    arg: 'N',
    help: 'seed for ids and every random choice',
    parse: integer(0, 2 ** 32 - 1),
  },
  {
    key: 'latency',
    flag: '--latency',
    env: 'SIMULATOR_LATENCY',
    arg: 'MS',
    help: 'real ms added to every /api response, e.g. 150 or 100-300',
    parse: parseLatency,
  },
  {
    key: 'errorRate',
    flag: '--error-rate',
    env: 'SIMULATOR_ERROR_RATE',
    arg: 'P',
    help: 'share (0-1) of /api/v1 requests answered 500 or 503',
    parse: decimal(0, 1),
  },
  {
    key: 'rateLimit',
    flag: '--rate-limit',
    env: 'SIMULATOR_RATE_LIMIT',
    arg: 'N',
    help: 'requests per minute per API key before 429; 0 = off',
    parse: integer(0),
  },
  {
    key: 'maxFileMb',
    flag: '--max-file-mb',
    env: 'SIMULATOR_MAX_FILE_MB',
    arg: 'MB',
    help: 'largest accepted upload per file, in MB',
    parse: decimal(0, 10_000, true),
  },
  {
    key: 'maxFiles',
    flag: '--max-files',
    env: 'SIMULATOR_MAX_FILES',
    arg: 'N',
    help: 'most files accepted in one run',
    parse: integer(1),
  },
  {
    key: 'maxInputMb',
    flag: '--max-input-mb',
    env: 'SIMULATOR_MAX_INPUT_MB',
    arg: 'MB',
    help: 'MB of uploads held until their agents read them; oldest dropped first',
    parse: decimal(0, 1_000_000, true),
  },
  {
    key: 'concurrency',
    flag: '--concurrency',
    env: 'SIMULATOR_CONCURRENCY',
    arg: 'N',
    help: 'concurrent tasks per agent before new ones are queued',
    parse: integer(1),
  },
  {
    key: 'longTraceSteps',
    flag: '--long-trace-steps',
    env: 'SIMULATOR_LONG_TRACE_STEPS',
    arg: 'N',
    help: 'steps produced by the "Trace Stress Test" agent',
    parse: integer(1, 1_000_000),
  },
  {
    key: 'quiet',
    flag: '--quiet',
    env: 'SIMULATOR_QUIET',
    help: 'print only the URL: no banner, no request lines',
    parse: bool,
  },
];

function formatDefault(key: ValueKey): string {
  const value = DEFAULT_SIMULATOR_OPTIONS[key];
  if (typeof value === 'object') {
    return value.minMs === value.maxMs ? String(value.minMs) : `${value.minMs}-${value.maxMs}`;
  }
  return String(value);
}

/** The text `--help` prints. */
export function simulatorHelp(): string {
  const rows = SPECS.map((spec) => {
    const left = `  ${spec.flag}${spec.arg ? ` ${spec.arg}` : ''}`;
    return `${left.padEnd(26)}${spec.help} (default ${formatDefault(spec.key)}; env ${spec.env})`;
  });
  return [
    'Usage: npm run simulator -- [options]',
    '',
    'An offline simulator of the Nanonets Agents API (/api/v1) with scripted agents.',
    '',
    'Options (each also readable from the environment variable shown):',
    ...rows,
    `  ${'--help'.padEnd(24)}print this help`,
    '',
    'Control routes (no auth): /__sim/health, /__sim/reset, /__sim/faults, /__sim/requests,',
    '/__sim/tasks/:id/review, /__sim/seed. See server/simulator/README.md.',
  ].join('\n');
}

/** True when the arguments ask for `--help` / `-h`. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

function assign(target: SimulatorOptions, spec: OptionSpec, raw: string, source: string): void {
  try {
    (target as unknown as Record<ValueKey, unknown>)[spec.key] = spec.parse(raw);
  } catch (err) {
    const expected = err instanceof Error ? err.message : String(err);
    throw new SimulatorOptionsError(`${source} expects ${expected}; got "${raw}".`);
  }
}

/**
 * Reads options from `SIMULATOR_*` variables and `--flag value` / `--flag=value` arguments
 * (typically `process.argv.slice(2)`). `--help` is ignored here; check it with `wantsHelp`.
 */
export function parseSimulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorOptions {
  const options: SimulatorOptions = {
    ...DEFAULT_SIMULATOR_OPTIONS,
    latency: { ...DEFAULT_SIMULATOR_OPTIONS.latency },
  };
  for (const spec of SPECS) {
    const raw = env[spec.env];
    if (raw !== undefined && raw !== '') assign(options, spec, raw, spec.env);
  }
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--help' || token === '-h' || token === '--') continue;
    const eq = token.indexOf('=');
    const flag = eq === -1 ? token : token.slice(0, eq);
    const spec = SPECS.find((s) => s.flag === flag);
    if (!spec) {
      throw new SimulatorOptionsError(
        `Unknown option "${token}". Run with --help to see the options.`,
      );
    }
    let raw: string;
    if (eq !== -1) raw = token.slice(eq + 1);
    else if (spec.arg === undefined) raw = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        throw new SimulatorOptionsError(`${spec.flag} needs a value (${spec.arg}).`);
      }
      raw = next;
      i++;
    }
    assign(options, spec, raw, spec.flag);
  }
  return options;
}

/**
 * Completes a partial option object with defaults and checks the values a programmatic caller
 * could get wrong (the CLI path has already been validated by the parser).
 */
export function resolveSimulatorOptions(partial: Partial<SimulatorOptions> = {}): SimulatorOptions {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, value]) => value !== undefined),
  ) as Partial<SimulatorOptions>;
  const options: SimulatorOptions = {
    ...DEFAULT_SIMULATOR_OPTIONS,
    latency: { ...DEFAULT_SIMULATOR_OPTIONS.latency },
    ...defined,
  };
  const problems: string[] = [];
  const check = (ok: boolean, message: string) => {
    if (!ok) problems.push(message);
  };
  check(
    Number.isInteger(options.port) && options.port >= 0 && options.port <= 65535,
    'port must be an integer from 0 to 65535',
  );
  check(options.apiKey.trim() !== '', 'apiKey must not be empty');
  check(
    options.timeScale > 0 && Number.isFinite(options.timeScale),
    'timeScale must be a positive number',
  );
  check(Number.isInteger(options.seed), 'seed must be an integer');
  check(
    options.latency.minMs >= 0 && options.latency.maxMs >= options.latency.minMs,
    'latency must be a range with 0 <= minMs <= maxMs',
  );
  check(options.errorRate >= 0 && options.errorRate <= 1, 'errorRate must be between 0 and 1');
  check(
    Number.isInteger(options.rateLimit) && options.rateLimit >= 0,
    'rateLimit must be a non-negative integer',
  );
  check(options.maxFileMb > 0, 'maxFileMb must be positive');
  check(
    Number.isInteger(options.maxFiles) && options.maxFiles >= 1,
    'maxFiles must be a positive integer',
  );
  check(options.maxInputMb > 0, 'maxInputMb must be positive');
  check(
    Number.isInteger(options.concurrency) && options.concurrency >= 1,
    'concurrency must be a positive integer',
  );
  check(
    Number.isInteger(options.longTraceSteps) && options.longTraceSteps >= 1,
    'longTraceSteps must be a positive integer',
  );
  if (problems.length > 0)
    throw new SimulatorOptionsError(`Invalid simulator options: ${problems.join('; ')}.`);
  return options;
}
