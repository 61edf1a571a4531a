/** Simulator options: one table drives the defaults, the bounds (valibot, checked once for flags,
 *  variables and code alike), `--flag` parsing (`node:util` `parseArgs`), `SIMULATOR_*` and `--help`. */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import type { SeedAgent } from './agents/types';
import type { Clock } from './clock';
import { deriveSeed } from './ids';
import type { RequestLogEntry } from './request-log';

export const DEFAULT_SIMULATOR_API_KEY = 'sim_local_dev_key';

/** Real milliseconds added to each `/api` response: fixed when `minMs === maxMs`. */
export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

const DEFAULTS = {
  port: 4010,
  host: '127.0.0.1',
  apiKey: DEFAULT_SIMULATOR_API_KEY,
  /** Virtual ms per real ms (ignored when `clock` is given). */
  timeScale: 1,
  latency: { minMs: 0, maxMs: 0 },
  errorRate: 0,
  rateLimit: 0,
  maxFileMb: 25,
  maxFiles: 20,
  maxInputMb: 256,
  concurrency: 2,
  longTraceSteps: 10_000,
  quiet: false,
};

export type SimulatorOptions = typeof DEFAULTS & {
  /** Seeds ids and every random choice; absent: derived from the start time. */
  seed?: number | undefined;
  /** Programmatic only: e.g. a `ManualClock` in tests. */
  clock?: Clock;
  /** Programmatic only: replaces the seeded agents. */
  seedAgents?: () => SeedAgent[];
  /** Programmatic only: called after each `/api/v1` request is answered and logged. */
  onRequest?: (entry: RequestLogEntry) => void;
};

/** Options as a running simulator holds them: the seed is always known. */
export type ResolvedSimulatorOptions = SimulatorOptions & { seed: number };

export const DEFAULT_SIMULATOR_OPTIONS: Readonly<SimulatorOptions> = Object.freeze({
  ...DEFAULTS,
  latency: Object.freeze({ ...DEFAULTS.latency }),
});

export class SimulatorOptionsError extends Error {
  override name = 'SimulatorOptionsError';
}

type ValueKey = Exclude<keyof SimulatorOptions, 'clock' | 'seedAgents' | 'onRequest'>;

/** One option: its flag (`--flag`, env `SIMULATOR_FLAG`), placeholder, help, and its kind with
 *  bounds: an integer range, a number range (`above`: exclusive of the low end), or a kind. */
interface Spec {
  flag: string;
  arg: string;
  help: string;
  int?: [number, number];
  num?: [number, number, 'above'?];
  is?: 'text' | 'boolean' | 'latency';
}

const MAX = Number.MAX_SAFE_INTEGER;
const SPECS: Record<ValueKey, Spec> = {
  port: { flag: 'port', arg: 'N', help: 'TCP port; 0 = any free port', int: [0, 65535] },
  host: { flag: 'host', arg: 'HOST', help: 'interface to bind (0.0.0.0 exposes it)', is: 'text' },
  apiKey: { flag: 'api-key', arg: 'KEY', help: 'the key clients send as Bearer', is: 'text' },
  timeScale: {
    flag: 'time-scale',
    arg: 'X',
    help: 'virtual ms per real ms',
    num: [0, 1e6, 'above'],
  },
  seed: { flag: 'seed', arg: 'N', help: 'fixes ids and random choices', int: [0, 2 ** 32 - 1] },
  latency: { flag: 'latency', arg: 'MS', help: 'real ms added to /api answers', is: 'latency' },
  errorRate: {
    flag: 'error-rate',
    arg: 'P',
    help: 'share of /api/v1 answered 500/503',
    num: [0, 1],
  },
  rateLimit: { flag: 'rate-limit', arg: 'N', help: 'requests/minute/key; 0 = off', int: [0, MAX] },
  maxFileMb: {
    flag: 'max-file-mb',
    arg: 'MB',
    help: 'largest upload per file',
    num: [0, 1e4, 'above'],
  },
  maxFiles: { flag: 'max-files', arg: 'N', help: 'most files per run', int: [1, MAX] },
  maxInputMb: {
    flag: 'max-input-mb',
    arg: 'MB',
    help: 'unread uploads held (oldest dropped)',
    num: [0, 1e6, 'above'],
  },
  concurrency: {
    flag: 'concurrency',
    arg: 'N',
    help: 'running tasks per agent version',
    int: [1, MAX],
  },
  longTraceSteps: {
    flag: 'long-trace-steps',
    arg: 'N',
    help: 'Trace Stress Test steps',
    int: [1, 1e6],
  },
  quiet: { flag: 'quiet', arg: '', help: 'print only the URL', is: 'boolean' },
};

/** What a value of `spec` must be, completing "expects …". */
function expects({ int, num, is }: Spec): string {
  if (int) return `an integer from ${int[0]} to ${int[1]}`;
  if (num) return `a number ${num[2] ?? 'from'} ${num[0]} to ${num[1]}`;
  return is === 'text'
    ? 'a non-empty string'
    : is === 'boolean'
      ? 'true or false'
      : 'milliseconds as "150" or a range "100-300" (low to high)';
}

function schema({ int, num, is }: Spec): v.GenericSchema {
  if (int) return v.pipe(v.number(), v.integer(), v.minValue(int[0]), v.maxValue(int[1]));
  if (num)
    return v.pipe(v.number(), num[2] ? v.gtValue(num[0]) : v.minValue(num[0]), v.maxValue(num[1]));
  if (is === 'text') return v.pipe(v.string(), v.trim(), v.nonEmpty());
  if (is === 'boolean') return v.boolean();
  return v.pipe(
    v.object({ minMs: v.pipe(v.number(), v.integer(), v.minValue(0)), maxMs: v.number() }),
    v.check((range) => range.maxMs >= range.minMs),
  );
}
const KEYS = Object.keys(SPECS) as ValueKey[];
const envName = (key: ValueKey) => `SIMULATOR_${SPECS[key].flag.replace(/-/g, '_').toUpperCase()}`;

/** A flag's or variable's text as the value `spec` reads (what fails to read fails the schema). */
function fromText({ int, num, is }: Spec, raw: string): unknown {
  const value = raw.trim().toLowerCase();
  if (int) return /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (num) return value === '' ? NaN : Number(value);
  if (is === 'boolean') {
    if (['1', 'true', 'yes', 'on', ''].includes(value)) return true;
    return ['0', 'false', 'no', 'off'].includes(value) ? false : raw;
  }
  const range = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(value);
  if (is === 'latency' && range)
    return { minMs: Number(range[1]), maxMs: Number(range[2] ?? range[1]) };
  return raw;
}

function defaultText(key: ValueKey): string {
  if (key === 'seed') return 'start time';
  const value = DEFAULT_SIMULATOR_OPTIONS[key];
  return typeof value === 'object' ? `${value.minMs}` : String(value);
}

export function simulatorHelp(): string {
  const rows = KEYS.map((key) => {
    const { flag, arg, help } = SPECS[key];
    const left = `  --${flag}${arg ? ` ${arg}` : ''}`.padEnd(26);
    return `${left}${help} (default ${defaultText(key)}; env ${envName(key)})`;
  });
  return [
    'Usage: npm run simulator -- [options]',
    '',
    'An offline simulator of the Nanonets Agents API (/api/v1) with scripted agents. It keeps',
    'everything in memory: a restart starts an empty world; --seed N gives the same ids each time.',
    '',
    'Options (each also readable from the environment variable shown):',
    ...rows,
    `  ${'--help'.padEnd(24)}print this help`,
    '',
    'Control routes under /__sim/ take the same key (Authorization: Bearer KEY), except',
    'GET /__sim/health. See server/simulator/README.md.',
  ].join('\n');
}

export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Checks every given value against its spec; throws one error naming each bad one. */
function checked<T extends Partial<SimulatorOptions>>(
  values: T,
  name: (key: ValueKey) => string,
  raw: Partial<Record<ValueKey, string>> = {},
): T {
  const problems: string[] = [];
  const out: Record<string, unknown> = { ...values };
  for (const key of KEYS) {
    if (values[key] === undefined) continue;
    const result = v.safeParse(schema(SPECS[key]), values[key]);
    if (result.success) out[key] = result.output;
    else {
      const got = raw[key] !== undefined ? `; got "${raw[key]}"` : '';
      problems.push(`${name(key)} expects ${expects(SPECS[key])}${got}`);
    }
  }
  if (problems.length > 0) throw new SimulatorOptionsError(`${problems.join('; ')}.`);
  return out as T;
}

/** Options from `SIMULATOR_*` variables, then `--flag value` / `--flag=value` (flags win). */
export function parseSimulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorOptions {
  let parsed: Record<string, string | boolean | undefined>;
  try {
    parsed = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(
          KEYS.map((key) => [
            SPECS[key].flag,
            { type: SPECS[key].is === 'boolean' ? 'boolean' : 'string' } as const,
          ]),
        ),
      },
    }).values;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('. ')[0] : String(err);
    throw new SimulatorOptionsError(`${message}. Run with --help to see the options.`);
  }
  const options: SimulatorOptions = {
    ...DEFAULT_SIMULATOR_OPTIONS,
    latency: { ...DEFAULT_SIMULATOR_OPTIONS.latency },
  };
  for (const [source, read] of [
    ['env', (key: ValueKey) => env[envName(key)] || undefined],
    ['flag', (key: ValueKey) => parsed[SPECS[key].flag]],
  ] as const) {
    const raw: Partial<Record<ValueKey, string>> = {};
    const values: Partial<Record<ValueKey, unknown>> = {};
    for (const key of KEYS) {
      const given = read(key);
      if (given === undefined) continue;
      if (typeof given === 'boolean') values[key] = given;
      else values[key] = fromText(SPECS[key], (raw[key] = given));
    }
    const name = (key: ValueKey) => (source === 'env' ? envName(key) : `--${SPECS[key].flag}`);
    Object.assign(options, checked(values as Partial<SimulatorOptions>, name, raw));
  }
  return options;
}

/** A seed from the start time (ns-precise, so two starts in one millisecond still differ). */
function startSeed(): number {
  return deriveSeed(Date.now(), String(process.hrtime.bigint()));
}

/** Completes partial options with defaults, checks them, and fixes the seed. */
export function resolveSimulatorOptions(
  partial: Partial<SimulatorOptions> = {},
): ResolvedSimulatorOptions {
  const defined = Object.fromEntries(
    Object.entries(partial).filter(([, value]) => value !== undefined),
  ) as Partial<SimulatorOptions>;
  const options = checked(
    { ...DEFAULT_SIMULATOR_OPTIONS, latency: { ...DEFAULT_SIMULATOR_OPTIONS.latency }, ...defined },
    (key) => key,
  );
  return { ...options, seed: options.seed ?? startSeed() };
}
