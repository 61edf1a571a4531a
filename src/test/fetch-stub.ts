/** A stand-in for the global `fetch` so component tests run the real http helper and schemas; every
 *  request is kept, but one aborted in the tick it was made (`<StrictMode>`'s double mount). */
import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: BodyInit | null | undefined;
}

export type FetchHandler = (request: RecordedRequest) => Response | Promise<Response>;

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function stubFetch(handler: FetchHandler) {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const href = input instanceof Request ? input.url : String(input);
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      url: new URL(href, 'http://console.test'),
      headers: new Headers(init?.headers),
      body: init?.body,
    };
    requests.push(request);
    const signal = init?.signal;
    if (signal && !signal.aborted) {
      let sameTick = true;
      queueMicrotask(() => (sameTick = false));
      signal.addEventListener('abort', () => {
        if (!sameTick) return;
        const index = requests.indexOf(request);
        if (index !== -1) requests.splice(index, 1);
      });
    }
    return Promise.resolve(handler(request));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, fetchMock };
}
