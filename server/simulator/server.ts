/** Starts the simulator as an HTTP server (the CLI, the built-in backend of `npm start`, every
 *  contract test). `close()` stops its timers, connections and listener. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { ScaledClock, type Clock } from './clock';
import {
  resolveSimulatorOptions,
  type ResolvedSimulatorOptions,
  type SimulatorOptions,
} from './options';
import { Simulation } from './simulation';

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:4010 (no trailing slash). */
  url: string;
  port: number;
  /** With the seed in use (from the start time unless one was given). */
  options: ResolvedSimulatorOptions;
  close(): Promise<void>;
  clock: Clock;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(
  options: Partial<SimulatorOptions> = {},
): Promise<RunningSimulator> {
  const resolved = resolveSimulatorOptions(options);
  const clock = resolved.clock ?? new ScaledClock(resolved.timeScale);
  const sim = new Simulation(resolved, clock);
  const app = createApp(sim);

  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: app.fetch, port: resolved.port, hostname: resolved.host }, () =>
      resolve(created),
    ) as Server;
    created.once('error', (err) => {
      sim.dispose();
      reject(err);
    });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      sim.dispose();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url: `http://${urlHost(resolved.host)}:${port}`,
    port,
    options: { ...resolved, port },
    close,
    clock,
  };
}
