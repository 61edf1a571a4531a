/** Starts the backend `backend.ts` planned: the built-in simulator in-process (quiet, on an
 *  ephemeral port unless `SIMULATOR_PORT`, with a fresh random key unless `SIMULATOR_API_KEY`);
 *  for the real API or an external simulator, nothing. */
import { randomBytes } from 'node:crypto';
import { parseSimulatorArgs } from '../simulator/options';
import {
  backendInfo,
  fileLimits,
  backendSummary,
  BUILTIN_SIMULATOR_HINT,
  planBackend,
  type BackendInfo,
  type FileLimits,
  type BackendKind,
  type ResolvedBackend,
  type UpstreamTarget,
} from './backend';

export interface RunningBackend {
  kind: BackendKind;
  target: UpstreamTarget;
  /** Safe for the browser (`/__console/backend`). */
  info: BackendInfo;
  /** Safe for the terminal: which backend, never the key. */
  summary: string;
  /** Configuration that was ignored, worth a line in the terminal. */
  warnings: string[];
  /** Stops what `startBackend` started (the built-in simulator); a no-op otherwise. */
  close(): Promise<void>;
}

export async function startBackend(env: NodeJS.ProcessEnv): Promise<RunningBackend> {
  const plan = planBackend(env);
  const options = parseSimulatorArgs([], env);
  if (plan.kind !== 'builtin-simulator') {
    return describe(
      { kind: plan.kind, target: plan.target },
      plan.warnings,
      async () => {},
      fileLimits(plan.kind, env, options),
    );
  }
  const pinned = isSet(env.SIMULATOR_PORT);
  const port = pinned ? options.port : 0;
  const registry = globalThis as ProcessRegistry;
  if (pinned && registry[BUILTIN_SIMULATOR]?.port === port) {
    // Vite restarts by creating the new server before closing the old one; hand the pinned port
    // over instead of failing with "port in use".
    await registry[BUILTIN_SIMULATOR].close();
  }
  // Loaded on demand: `vite build` and the real-API mode never evaluate the simulator.
  const { startSimulator } = await import('../simulator/server');
  const apiKey = isSet(env.SIMULATOR_API_KEY) ? options.apiKey : randomSimulatorKey();
  const simulator = await startSimulator({
    ...options,
    apiKey,
    port,
    quiet: isSet(env.SIMULATOR_QUIET) ? options.quiet : true,
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') throw error;
    throw new Error(
      `The built-in simulator cannot listen on ${options.host}:${port} (SIMULATOR_PORT): the port is in use. Free it, or unset SIMULATOR_PORT to let the simulator pick a free port.`,
      { cause: error },
    );
  });
  let closing: Promise<void> | undefined;
  const handle = {
    port: simulator.port,
    close: () => {
      if (registry[BUILTIN_SIMULATOR] === handle) delete registry[BUILTIN_SIMULATOR];
      return (closing ??= simulator.close());
    },
  };
  registry[BUILTIN_SIMULATOR] = handle;
  const target: UpstreamTarget = {
    baseUrl: simulator.url.replace(/\/+$/, ''),
    apiKey,
    unreachableHint: BUILTIN_SIMULATOR_HINT,
  };
  return describe(
    { kind: 'builtin-simulator', target },
    plan.warnings,
    handle.close,
    fileLimits('builtin-simulator', env, options),
  );
}

/**
 * The built-in simulator this process started most recently. On `globalThis` because Vite
 * re-bundles and re-imports the config (and so this module) on every restart.
 */
const BUILTIN_SIMULATOR = Symbol.for('agent-console.builtin-simulator');
interface ProcessRegistry {
  [BUILTIN_SIMULATOR]?: { port: number; close(): Promise<void> };
}

function describe(
  backend: ResolvedBackend,
  warnings: string[],
  close: () => Promise<void>,
  limits: FileLimits | undefined,
): RunningBackend {
  return {
    ...backend,
    info: backendInfo(backend, limits),
    summary: backendSummary(backend),
    warnings,
    close,
  };
}

/** `sim_` and 128 random bits in hex: unguessable, and recognisably the simulator's. */
function randomSimulatorKey(): string {
  return `sim_${randomBytes(16).toString('hex')}`;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== '';
}
