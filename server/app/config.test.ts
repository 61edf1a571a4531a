/** The server's settings: the refusal to hand the key to a network, and sign-in's variables. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, readServerConfig } from './config';

const read = (env: NodeJS.ProcessEnv) => readServerConfig(env, { distDir: 'dist', isTTY: true });

describe('readServerConfig', () => {
  it('refuses a real key on a network address with nobody signing in, naming the three ways out', () => {
    const env = { HOST: '0.0.0.0', NANONETS_API_KEY: 'sk-real' };
    expect(() => read(env)).toThrow(ConfigError);
    expect(() => read(env)).toThrow(
      /HOST=127\.0\.0\.1[\s\S]*CONSOLE_PASSWORD[\s\S]*CONSOLE_AUTH=none/,
    );
  });

  it('starts on a network address with sign-in, a trusted header, or the risk accepted', () => {
    const base = { HOST: '0.0.0.0', NANONETS_API_KEY: 'sk-real' };
    expect(read({ ...base, CONSOLE_PASSWORD: 'pw' }).auth.mode).toBe('password');
    expect(read({ ...base, CONSOLE_TRUSTED_USER_HEADER: 'X-Forwarded-Email' }).auth).toEqual({
      mode: 'header',
      header: 'x-forwarded-email',
    });
    expect(read({ ...base, CONSOLE_AUTH: 'none' }).auth.mode).toBe('none');
    // Loopback, or the simulator: nothing to give away.
    expect(read({ HOST: '127.0.0.1', NANONETS_API_KEY: 'sk-real' }).auth.mode).toBe('none');
    expect(read({ HOST: '0.0.0.0' }).auth.mode).toBe('none');
  });

  it('reads the password from a file, and refuses ambiguous or weak settings', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'console-config-'));
    const file = path.join(dir, 'password');
    writeFileSync(file, 'from a file\n');
    const auth = read({ CONSOLE_PASSWORD_FILE: file }).auth;
    expect(auth).toMatchObject({
      mode: 'password',
      password: 'from a file',
      secretIsEphemeral: true,
    });
    expect(() => read({ CONSOLE_PASSWORD_FILE: file, CONSOLE_PASSWORD: 'x' })).toThrow(/not both/);
    expect(() => read({ CONSOLE_PASSWORD: 'x', CONSOLE_TRUSTED_USER_HEADER: 'X-User' })).toThrow(
      /not both/,
    );
    expect(() => read({ CONSOLE_PASSWORD: 'x', CONSOLE_SESSION_SECRET: 'short' })).toThrow(
      /at least 32/,
    );
    expect(() => read({ CONSOLE_AUTH: 'basic' })).toThrow(/only takes "none"/);
    expect(() => read({ CONSOLE_PASSWORD: 'x', CONSOLE_SESSION_HOURS: '-1' })).toThrow(
      /CONSOLE_SESSION_HOURS/,
    );
  });

  it('keeps sessions 12 hours unless told otherwise', () => {
    const auth = read({ CONSOLE_PASSWORD: 'x', CONSOLE_SESSION_SECRET: 's'.repeat(32) }).auth;
    expect(auth).toMatchObject({ sessionTtlMs: 12 * 3_600_000, secretIsEphemeral: false });
  });
});
