/** The proxy's clocks as the environment sets them (`proxyTimeouts` in backend.ts). */
import { describe, expect, it } from 'vitest';
import { proxyTimeouts } from './backend';

describe('proxyTimeouts', () => {
  it('is 60 s for the answer, 30 s idle and 120 s in all unless the variables say otherwise', () => {
    expect(proxyTimeouts({})).toEqual({
      responseTimeoutMs: 60_000,
      idleTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
    });
    expect(
      proxyTimeouts({
        NANONETS_UPSTREAM_TIMEOUT_S: '90',
        NANONETS_UPSTREAM_IDLE_S: ' 0.5 ',
        NANONETS_UPSTREAM_TOTAL_S: '600',
      }),
    ).toEqual({ responseTimeoutMs: 90_000, idleTimeoutMs: 500, totalTimeoutMs: 600_000 });
    expect(proxyTimeouts({ NANONETS_UPSTREAM_IDLE_S: '  ' }).idleTimeoutMs).toBe(30_000);
  });

  it.each(['NANONETS_UPSTREAM_IDLE_S', 'NANONETS_UPSTREAM_TOTAL_S'])(
    'refuses an unusable %s, naming it',
    (variable) => {
      for (const value of ['0', '-1', 'ten', '86401', 'Infinity']) {
        expect(() => proxyTimeouts({ [variable]: value })).toThrow(new RegExp(variable));
      }
    },
  );
});
