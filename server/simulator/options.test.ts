import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIMULATOR_API_KEY,
  DEFAULT_SIMULATOR_OPTIONS,
  parseSimulatorArgs,
  resolveSimulatorOptions,
  simulatorHelp,
  SimulatorOptionsError,
  wantsHelp,
} from './options';

describe('parseSimulatorArgs', () => {
  it('returns the documented defaults with no input', () => {
    const options = parseSimulatorArgs([], {});
    expect(options).toEqual({ ...DEFAULT_SIMULATOR_OPTIONS, latency: { minMs: 0, maxMs: 0 } });
    expect(options).toMatchObject({
      port: 4010,
      host: '127.0.0.1',
      apiKey: DEFAULT_SIMULATOR_API_KEY,
      timeScale: 1,
      maxFileMb: 25,
      maxFiles: 20,
      maxInputMb: 256,
      concurrency: 2,
      longTraceSteps: 10_000,
      quiet: false,
    });
    expect(options.seed).toBeUndefined();
    expect(DEFAULT_SIMULATOR_API_KEY).toBe('sim_local_dev_key');
  });

  it('reads flags in both forms, and flags win over SIMULATOR_* variables', () => {
    const options = parseSimulatorArgs(
      [
        '--port',
        '0',
        '--api-key=k1',
        '--time-scale',
        '40',
        '--latency',
        '100-300',
        '--quiet',
        '--',
        '--seed',
        '7',
      ],
      {
        SIMULATOR_PORT: '9999',
        SIMULATOR_API_KEY: 'from-env',
        SIMULATOR_ERROR_RATE: '0.25',
        SIMULATOR_RATE_LIMIT: '120',
      },
    );
    expect(options).toMatchObject({
      port: 0,
      apiKey: 'k1',
      timeScale: 40,
      latency: { minMs: 100, maxMs: 300 },
      quiet: true,
      seed: 7,
      errorRate: 0.25,
      rateLimit: 120,
    });
  });

  it('reads every option from the environment', () => {
    const options = parseSimulatorArgs([], {
      SIMULATOR_HOST: '0.0.0.0',
      SIMULATOR_LATENCY: '150',
      SIMULATOR_MAX_FILE_MB: '2.5',
      SIMULATOR_MAX_FILES: '3',
      SIMULATOR_MAX_INPUT_MB: '64',
      SIMULATOR_CONCURRENCY: '5',
      SIMULATOR_LONG_TRACE_STEPS: '50',
      SIMULATOR_QUIET: 'false',
      SIMULATOR_TIME_SCALE: '0.5',
    });
    expect(options).toMatchObject({
      host: '0.0.0.0',
      latency: { minMs: 150, maxMs: 150 },
      maxFileMb: 2.5,
      maxFiles: 3,
      maxInputMb: 64,
      concurrency: 5,
      longTraceSteps: 50,
      quiet: false,
      timeScale: 0.5,
    });
  });

  it.each([
    [['--port', 'abc'], /--port expects an integer from 0 to 65535; got "abc"/],
    [['--error-rate', '1.5'], /--error-rate expects a number from 0 to 1/],
    [['--latency', '300-100'], /--latency/],
    [['--time-scale', '0'], /--time-scale/],
    [['--concurrency', '0'], /--concurrency/],
    [['--max-input-mb', '0'], /--max-input-mb/],
    [['--nope'], /Unknown option '--nope'\. Run with --help/],
    [['--port'], /--port <value>' argument missing/],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseSimulatorArgs(argv, {})).toThrow(SimulatorOptionsError);
    expect(() => parseSimulatorArgs(argv, {})).toThrow(message);
  });

  it('names the variable when the environment is wrong', () => {
    expect(() => parseSimulatorArgs([], { SIMULATOR_SEED: '-1' })).toThrow(/SIMULATOR_SEED/);
  });
});

describe('help and programmatic options', () => {
  it('documents every flag with its variable', () => {
    const help = simulatorHelp();
    for (const flag of [
      '--port',
      '--host',
      '--api-key',
      '--time-scale',
      '--seed',
      '--latency',
      '--error-rate',
      '--rate-limit',
      '--max-file-mb',
      '--max-files',
      '--max-input-mb',
      '--concurrency',
      '--long-trace-steps',
      '--quiet',
      '--help',
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain('SIMULATOR_API_KEY');
    expect(wantsHelp(['--port', '1', '--help'])).toBe(true);
    expect(wantsHelp(['--port', '1'])).toBe(false);
  });

  it('completes partial options, seeds from the start time unless told, and rejects impossible ones', () => {
    expect(resolveSimulatorOptions({ port: 0, seed: 42 })).toMatchObject({ port: 0, seed: 42 });
    const first = resolveSimulatorOptions({ seed: undefined }).seed;
    expect(Number.isInteger(first)).toBe(true);
    expect(resolveSimulatorOptions().seed).not.toBe(first);
    expect(() => resolveSimulatorOptions({ errorRate: 2, concurrency: 0 })).toThrow(
      /errorRate.*concurrency/,
    );
  });
});
