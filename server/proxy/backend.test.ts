import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATOR_API_KEY } from '../simulator/options';
import {
  backendInfo,
  backendSummary,
  dashboardAddress,
  fileLimits,
  isLoopbackHost,
  normalizeBaseUrl,
  planBackend,
  upstreamTimeoutMs,
  type ResolvedBackend,
} from './backend';

const KEY = 'nn_live_secret_123';

describe('planBackend', () => {
  it('uses the real API at its default base URL when NANONETS_API_KEY is set', () => {
    const plan = planBackend({ NANONETS_API_KEY: KEY });

    expect(plan.kind).toBe('upstream');
    expect(plan.kind !== 'builtin-simulator' && plan.target).toMatchObject({
      baseUrl: 'https://agents.nanonets.com',
      apiKey: KEY,
    });
  });

  it('honours NANONETS_BASE_URL', () => {
    const plan = planBackend({
      NANONETS_API_KEY: KEY,
      NANONETS_BASE_URL: 'http://localhost:9000/',
    });

    expect(plan.kind !== 'builtin-simulator' && plan.target.baseUrl).toBe('http://localhost:9000');
  });

  it('prefers the real API over SIMULATOR_URL, and says so', () => {
    const plan = planBackend({ NANONETS_API_KEY: KEY, SIMULATOR_URL: 'http://127.0.0.1:4311' });

    expect(plan.kind).toBe('upstream');
    expect(plan.warnings).toEqual([expect.stringContaining('SIMULATOR_URL is ignored')]);
  });

  it('uses an external simulator with its key, or the default simulator key', () => {
    const withKey = planBackend({
      SIMULATOR_URL: 'http://127.0.0.1:4311',
      SIMULATOR_API_KEY: 'k2',
    });
    const withoutKey = planBackend({ SIMULATOR_URL: 'http://127.0.0.1:4311' });

    expect(withKey).toMatchObject({
      kind: 'external-simulator',
      target: { baseUrl: 'http://127.0.0.1:4311', apiKey: 'k2' },
    });
    expect(withoutKey).toMatchObject({ target: { apiKey: DEFAULT_SIMULATOR_API_KEY } });
  });

  it('starts the built-in simulator when neither is set, or when they are blank', () => {
    expect(planBackend({}).kind).toBe('builtin-simulator');
    expect(planBackend({ NANONETS_API_KEY: '', SIMULATOR_URL: '  ' }).kind).toBe(
      'builtin-simulator',
    );
  });

  it('tells a person what to do when the upstream is unreachable', () => {
    const upstream = planBackend({ NANONETS_API_KEY: KEY });
    const simulator = planBackend({ SIMULATOR_URL: 'http://127.0.0.1:4311' });

    expect(upstream.kind !== 'builtin-simulator' && upstream.target.unreachableHint).toContain(
      'NANONETS_BASE_URL',
    );
    expect(simulator.kind !== 'builtin-simulator' && simulator.target.unreachableHint).toContain(
      'npm run simulator',
    );
  });

  it('refuses a base URL it cannot use, naming the variable', () => {
    expect(() =>
      planBackend({ NANONETS_API_KEY: KEY, NANONETS_BASE_URL: 'agents.nanonets.com' }),
    ).toThrow(/NANONETS_BASE_URL/);
    expect(() => planBackend({ SIMULATOR_URL: 'ftp://127.0.0.1' })).toThrow(/SIMULATOR_URL/);
  });
});

describe('normalizeBaseUrl', () => {
  it.each([
    ['https://agents.nanonets.com', 'https://agents.nanonets.com'],
    ['https://agents.nanonets.com/', 'https://agents.nanonets.com'],
    ['https://agents.nanonets.com//', 'https://agents.nanonets.com'],
    ['https://agents.nanonets.com/api/v1', 'https://agents.nanonets.com'],
    ['https://agents.nanonets.com/api/v1/', 'https://agents.nanonets.com'],
    ['  http://gateway.local:8080/nanonets/ ', 'http://gateway.local:8080/nanonets'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeBaseUrl(raw, 'X')).toBe(expected);
  });

  it.each(['', 'nope', 'ws://h', 'https://h/?a=1', 'https://h/#x', 'https://user:pw@h'])(
    'refuses %j',
    (raw) => {
      expect(() => normalizeBaseUrl(raw, 'NANONETS_BASE_URL')).toThrow(/NANONETS_BASE_URL/);
    },
  );
});

describe('what is said about the backend', () => {
  const upstream: ResolvedBackend = {
    kind: 'upstream',
    target: { baseUrl: 'https://agents.nanonets.com', apiKey: KEY, unreachableHint: '' },
  };
  const builtin: ResolvedBackend = {
    kind: 'builtin-simulator',
    target: { baseUrl: 'http://127.0.0.1:41234', apiKey: KEY, unreachableHint: '' },
  };
  const external: ResolvedBackend = {
    kind: 'external-simulator',
    target: { baseUrl: 'http://127.0.0.1:4311', apiKey: KEY, unreachableHint: '' },
  };

  it('tells the browser the mode and a label, never the key', () => {
    expect(backendInfo(upstream)).toEqual({
      mode: 'upstream',
      label: 'agents.nanonets.com',
      baseUrl: 'https://agents.nanonets.com',
    });
    expect(backendInfo(builtin)).toEqual({ mode: 'simulator', label: 'Simulator' });
    expect(backendInfo(external)).toEqual({ mode: 'simulator', label: 'Simulator' });
    for (const backend of [upstream, builtin, external]) {
      expect(JSON.stringify(backendInfo(backend))).not.toContain(KEY);
    }
  });

  it('tells the terminal which backend and where, never the key', () => {
    expect(backendSummary(upstream)).toBe('agents.nanonets.com (NANONETS_API_KEY)');
    expect(backendSummary(builtin)).toBe('Simulator (built-in, http://127.0.0.1:41234)');
    expect(backendSummary(external)).toBe('Simulator (SIMULATOR_URL, http://127.0.0.1:4311)');
    for (const backend of [upstream, builtin, external]) {
      expect(backendSummary(backend)).not.toContain(KEY);
    }
  });

  it('labels a non-default port as part of the host', () => {
    const local: ResolvedBackend = {
      ...upstream,
      target: { ...upstream.target, baseUrl: 'http://localhost:9000' },
    };

    expect(backendInfo(local)).toMatchObject({ label: 'localhost:9000' });
  });
});

describe('dashboardAddress', () => {
  it('defaults to 127.0.0.1:5173', () => {
    expect(dashboardAddress({})).toEqual({ host: '127.0.0.1', port: 5173 });
  });

  it('reads PORT and HOST', () => {
    expect(dashboardAddress({ PORT: '8080', HOST: '0.0.0.0' })).toEqual({
      host: '0.0.0.0',
      port: 8080,
    });
  });

  it.each(['abc', '-1', '70000', '80.5'])('refuses PORT=%s', (port) => {
    expect(() => dashboardAddress({ PORT: port })).toThrow(/PORT/);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    [undefined, true],
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    [false, true],
    [true, false],
    ['0.0.0.0', false],
    ['192.168.1.10', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});

describe('fileLimits', () => {
  const simulator = { maxFileMb: 25, maxFiles: 20 };

  it("announces a simulator's own limits", () => {
    expect(fileLimits('builtin-simulator', {}, { maxFileMb: 5, maxFiles: 3 })).toEqual({
      maxFileBytes: 5 * 1024 * 1024,
      maxFiles: 3,
    });
    expect(fileLimits('external-simulator', {}, simulator)).toEqual({
      maxFileBytes: 25 * 1024 * 1024,
      maxFiles: 20,
    });
  });

  it('announces nothing for the real API unless told', () => {
    expect(fileLimits('upstream', {}, simulator)).toBeUndefined();
    expect(fileLimits('upstream', { NANONETS_MAX_FILE_MB: '50' }, simulator)).toEqual({
      maxFileBytes: 50 * 1024 * 1024,
      maxFiles: 20,
    });
  });

  it('lets NANONETS_MAX_* override and ignores unusable values', () => {
    expect(
      fileLimits(
        'builtin-simulator',
        { NANONETS_MAX_FILES: '4', NANONETS_MAX_FILE_MB: 'x' },
        simulator,
      ),
    ).toEqual({ maxFileBytes: 25 * 1024 * 1024, maxFiles: 4 });
    expect(fileLimits('upstream', { NANONETS_MAX_FILES: '-1' }, simulator)).toBeUndefined();
  });
});

describe('upstreamTimeoutMs', () => {
  it('is 60 s unless NANONETS_UPSTREAM_TIMEOUT_S says otherwise', () => {
    expect(upstreamTimeoutMs({})).toBe(60_000);
    expect(upstreamTimeoutMs({ NANONETS_UPSTREAM_TIMEOUT_S: '  ' })).toBe(60_000);
    expect(upstreamTimeoutMs({ NANONETS_UPSTREAM_TIMEOUT_S: '120' })).toBe(120_000);
    expect(upstreamTimeoutMs({ NANONETS_UPSTREAM_TIMEOUT_S: ' 0.5 ' })).toBe(500);
  });

  it.each(['0', '-5', 'soon', 'Infinity', '86401'])(
    'stops start-up with the variable name for %s',
    (value) => {
      expect(() => upstreamTimeoutMs({ NANONETS_UPSTREAM_TIMEOUT_S: value })).toThrow(
        /NANONETS_UPSTREAM_TIMEOUT_S/,
      );
    },
  );
});
