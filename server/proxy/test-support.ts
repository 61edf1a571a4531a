/** Test helpers for the proxy: throwaway `node:http` servers and a raw `node:http` client (not
 *  `fetch`, which adds `sec-fetch-*` headers of its own). */
import http from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, RequestListener } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { BackendInfo, UpstreamTarget } from './backend';
import type { ForwardOptions } from './forward';
import { createConsoleMiddleware } from './middleware';

export interface TestServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export async function listen(handler: RequestListener): Promise<TestServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A TCP server that speaks whatever `onRequest` writes: for upstreams that misbehave in ways a
 * `node:http` server will not (a `101` without an upgrade, a `102` and then silence).
 */
export async function rawServer(onRequest: (socket: net.Socket) => void): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', () => onRequest(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CannedResponse {
  status: number;
  headers?: OutgoingHttpHeaders;
  body?: string;
}

/** An upstream that records every request it sees and answers with `respond(request)`. */
export async function fakeUpstream(
  respond: (request: RecordedRequest) => CannedResponse = () => ({
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: '{"ok":true}',
  }),
): Promise<TestServer & { requests: RecordedRequest[] }> {
  const requests: RecordedRequest[] = [];
  const server = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const answer = respond(recorded);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  return { ...server, requests };
}

export interface ClientResponse {
  status: number;
  statusMessage: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RequestInit {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: string | Buffer;
}

export function request(url: string, init: RequestInit = {}): Promise<ClientResponse> {
  const { origin, pathname, search } = new URL(url);
  return requestPath(origin, pathname + search, init);
}

/**
 * Sends `path` exactly as written. `request(url)` cannot: the URL parser resolves `..` and
 * `%2e%2e` segments and turns `\` into `/` before anything is sent.
 */
export function requestPath(
  origin: string,
  path: string,
  init: RequestInit = {},
): Promise<ClientResponse> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    // A fresh connection per request: the proxy under test shares this process's global agent, and
    // a pooled socket of the proxy's must not be mistaken for the client's.
    const options = {
      host: hostname.replace(/^\[(.*)\]$/, '$1'),
      port,
      path,
      method: init.method ?? 'GET',
      headers: init.headers,
      agent: false,
    };
    const req = http.request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Rejects with `message` if `promise` has not settled within `ms`: turns a hang into a reason. */
export function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A promise plus its resolver, for "wait until the other side reports X" hand-offs. */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export const UPSTREAM_INFO: BackendInfo = {
  mode: 'upstream',
  label: 'agents.example',
  baseUrl: 'https://agents.example',
};
export const SIMULATOR_INFO: BackendInfo = { mode: 'simulator', label: 'Simulator' };

/**
 * What a proxy test file starts, closed after each of its tests: upstreams, and proxies (the
 * console middleware on a bare server) that sign with `apiKey`.
 */
export function proxyHarness(apiKey: string) {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  const target = (baseUrl: string): UpstreamTarget => ({
    baseUrl,
    apiKey,
    unreachableHint: 'Start the upstream, then retry.',
  });

  async function proxyTo(
    upstreamTarget: UpstreamTarget,
    options: ForwardOptions = {},
    info: BackendInfo = UPSTREAM_INFO,
  ): Promise<TestServer> {
    const middleware = createConsoleMiddleware({ info, target: upstreamTarget }, options);
    const proxy = await listen((req, res) =>
      middleware(req, res, () => {
        res.writeHead(418);
        res.end('next');
      }),
    );
    cleanups.push(proxy.close);
    return proxy;
  }

  async function serve(handler: RequestListener): Promise<TestServer> {
    const server = await listen(handler);
    cleanups.push(server.close);
    return server;
  }

  async function upstreamAndProxy(
    respond?: (request: RecordedRequest) => CannedResponse,
    options: ForwardOptions = {},
    info: BackendInfo = UPSTREAM_INFO,
  ) {
    const upstream = await fakeUpstream(respond);
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(upstream.url), options, info);
    return { upstream, proxy };
  }

  return { cleanups, target, proxyTo, serve, upstreamAndProxy };
}
