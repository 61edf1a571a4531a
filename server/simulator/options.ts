/** Simulator options: one table gives each option's bounds (valibot, checked once for flags,
 *  variables and code alike), its `--flag` (`node:util` `parseArgs`), `SIMULATOR_*` and `--help`. */
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import type { SeedAgent } from './agents/types';
import type { Clock } from './clock';
import { deriveSeed } from './ids';
import type { RequestLogEntry } from './request-log';

export const DEFAULT_SIMULATOR_API_KEY = 'sim_local_dev_key';

const DEFAULTS = {
  port: 4010,
  host: '127.0.0.1',
  apiKey: DEFAULT_SIMULATOR_API_KEY,
  /** Virtual ms per real ms (ignored when `clock` is given). */
  timeScale: 1,
  /** Real ms added to each `/api` response: fixed when `minMs === maxMs`. */
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

/** What a value must be ("expects …"), its schema, and how a flag's or variable's text reads. */
interface Kind {
  expects: string;
  schema: v.GenericSchema;
  read: (raw: string) => unknown;
}
const int = (min: number, max = Number.MAX_SAFE_INTEGER): Kind => ({
  expects: `an integer from ${min} to ${max}`,
  schema: v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max)),
  read: (raw) => (/^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN),
});
/** A number up to `max`, from `min` or (`above`) greater than it. */
const num = (min: number, max: number, above = false): Kind => ({
  expects: `a number ${above ? 'above' : 'from'} ${min} to ${max}`,
  schema: v.pipe(v.number(), above ? v.gtValue(min) : v.minValue(min), v.maxValue(max)),
  read: (raw) => (raw.trim() === '' ? NaN : Number(raw)),
});
const text: Kind = {
  expects: 'a non-empty string',
  schema: v.pipe(v.string(), v.trim(), v.nonEmpty()),
  read: (raw) => raw,
};
const boolean: Kind = {
  expects: 'true or false',
  schema: v.boolean(),
  read: (raw) => {
    const value = raw.trim().toLowerCase();
    if (['1', 'true', 'yes', 'on', ''].includes(value)) return true;
    return ['0', 'false', 'no', 'off'].includes(value) ? false : raw;
  },
};
const latency: Kind = {
  expects: 'milliseconds as "150" or a range "100-300" (low to high)',
  schema: v.pipe(
    v.object({ minMs: v.pipe(v.number(), v.integer(), v.minValue(0)), maxMs: v.number() }),
    v.check((range) => range.maxMs >= range.minMs),
  ),
  read: (raw) => {
    const range = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(raw.trim());
    return range ? { minMs: Number(range[1]), maxMs: Number(range[2] ?? range[1]) } : raw;
  },
};

/** One option: its flag (`--flag`, env `SIMULATOR_FLAG`), placeholder, help and kind. */
const SPECS: Record<ValueKey, { flag: string; arg: string; help: string; kind: Kind }> = {
  port: { flag: 'port', arg: 'N', help: 'TCP port; 0 = any free port', kind: int(0, 65535) },
  host: { flag: 'host', arg: 'HOST', help: 'interface to bind (0.0.0.0 exposes it)', kind: text },
  apiKey: { flag: 'api-key', arg: 'KEY', help: 'the key clients send as Bearer', kind: text },
  timeScale: {
    flag: 'time-scale',
    arg: 'X',
    help: 'virtual ms per real ms',
    kind: num(0, 1e6, true),
  },
  seed: { flag: 'seed', arg: 'N', help: 'fixes ids and random choices', kind: int(0, 2 ** 32 - 1) },
  latency: { flag: 'latency', arg: 'MS', help: 'real ms added to /api answers', kind: latency },
  errorRate: {
    flag: 'error-rate',
    arg: 'P',
    help: 'share of /api/v1 answered 500/503',
    kind: num(0, 1),
  },
  rateLimit: { flag: 'rate-limit', arg: 'N', help: 'requests/minute/key; 0 = off', kind: int(0) },
  maxFileMb: {
    flag: 'max-file-mb',
    arg: 'MB',
    help: 'largest upload per file',
    kind: num(0, 1e4, true),
  },
  maxFiles: { flag: 'max-files', arg: 'N', help: 'most files per run', kind: int(1) },
  maxInputMb: {
    flag: 'max-input-mb',
    arg: 'MB',
    help: 'unread uploads held (oldest dropped)',
    kind: num(0, 1e6, true),
  },
  concurrency: {
    flag: 'concurrency',
    arg: 'N',
    help: 'running tasks per agent version',
    kind: int(1),
  },
  longTraceSteps: {
    flag: 'long-trace-steps',
    arg: 'N',
    help: 'Trace Stress Test steps',
    kind: int(1, 1e6),
  },
  quiet: { flag: 'quiet', arg: '', help: 'print only the URL', kind: boolean },
};
const KEYS = Object.keys(SPECS) as ValueKey[];
const envName = (key: ValueKey) => `SIMULATOR_${SPECS[key].flag.replace(/-/g, '_').toUpperCase()}`;

export function simulatorHelp(): string {
  const rows = KEYS.map((key) => {
    const { flag, arg, help } = SPECS[key];
    const value = DEFAULT_SIMULATOR_OPTIONS[key];
    const fallback =
      key === 'seed' ? 'start time' : typeof value === 'object' ? value.minMs : value;
    const left = `  --${flag}${arg ? ` ${arg}` : ''}`.padEnd(26);
    return `${left}${help} (default ${String(fallback)}; env ${envName(key)})`;
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

/** The defaults with `values` checked over them; one error names each bad value. */
function checked(
  values: Partial<Record<ValueKey, unknown>>,
  name: (key: ValueKey) => string,
  raw: Partial<Record<ValueKey, string>> = {},
): SimulatorOptions {
  const problems: string[] = [];
  const out: Record<string, unknown> = {
    ...DEFAULT_SIMULATOR_OPTIONS,
    latency: { ...DEFAULTS.latency },
  };
  for (const key of KEYS) {
    const value = values[key];
    if (value === undefined) continue;
    const result = v.safeParse(SPECS[key].kind.schema, value);
    if (result.success) out[key] = result.output;
    else {
      const got = raw[key] !== undefined ? `; got "${raw[key]}"` : '';
      problems.push(`${name(key)} expects ${SPECS[key].kind.expects}${got}`);
    }
  }
  if (problems.length > 0) throw new SimulatorOptionsError(`${problems.join('; ')}.`);
  return out as SimulatorOptions;
}

/** Options from `--flag value` / `--flag=value`, else `SIMULATOR_*` variables, else defaults. */
export function parseSimulatorArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): SimulatorOptions {
  let flags: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(
      KEYS.map((key) => [
        SPECS[key].flag,
        { type: key === 'quiet' ? 'boolean' : 'string' } as const,
      ]),
    );
    const args = argv.filter((arg) => arg !== '--');
    flags = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('. ')[0] : String(err);
    throw new SimulatorOptionsError(`${message}. Run with --help to see the options.`);
  }
  const values: Partial<Record<ValueKey, unknown>> = {};
  const raw: Partial<Record<ValueKey, string>> = {};
  for (const key of KEYS) {
    const given = flags[SPECS[key].flag] ?? (env[envName(key)] || undefined);
    if (typeof given === 'string') values[key] = SPECS[key].kind.read((raw[key] = given));
    else values[key] = given;
  }
  const name = (key: ValueKey) =>
    flags[SPECS[key].flag] === undefined ? envName(key) : `--${SPECS[key].flag}`;
  return checked(values, name, raw);
}

/** Completes partial options with defaults, checks them, and fixes the seed (from the start
 *  time, ns-precise, so two starts in one millisecond still differ). */
export function resolveSimulatorOptions(
  partial: Partial<SimulatorOptions> = {},
): ResolvedSimulatorOptions {
  const options = { ...partial, ...checked(partial, (key) => key) };
  return {
    ...options,
    seed: options.seed ?? deriveSeed(Date.now(), String(process.hrtime.bigint())),
  };
}
