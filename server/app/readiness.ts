/** `GET /readyz`: whether the upstream (or simulator) answers with the console's key, asked at most
 *  every few seconds however often the probe comes. */
import type { UpstreamTarget } from '../proxy/backend';

export type Readiness = { status: 'ready' } | { status: 'not ready'; reason: string };

const CACHE_MS = 5_000;
const TIMEOUT_MS = 3_000;

export function readiness(target: UpstreamTarget, now: () => number = Date.now) {
  let last: { at: number; result: Promise<Readiness> } | undefined;
  return (): Promise<Readiness> => {
    if (last === undefined || now() - last.at >= CACHE_MS) {
      last = { at: now(), result: probe(target) };
    }
    return last.result;
  };
}

async function probe(target: UpstreamTarget): Promise<Readiness> {
  try {
    const response = await fetch(`${target.baseUrl}/api/v1/agents?limit=1`, {
      headers: { authorization: `Bearer ${target.apiKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.ok) return { status: 'ready' };
    return {
      status: 'not ready',
      reason:
        response.status === 401 || response.status === 403
          ? `the upstream refused the key (${response.status})`
          : `the upstream answered ${response.status}`,
    };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return {
      status: 'not ready',
      reason: timedOut
        ? `the upstream did not answer within ${TIMEOUT_MS / 1000} s`
        : 'the upstream cannot be reached',
    };
  }
}
