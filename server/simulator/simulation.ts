/**
 * Everything one running simulator holds, in one object the HTTP layer reads on every request:
 * options, clock, the workspace and its engine, the request log, injected faults, the rate
 * limiter and the seeded random streams for latency jitter and random errors (separate, so
 * turning latency on does not change which requests fail).
 *
 * `reset()` replaces the workspace and engine with fresh ones built from the seed, with the id
 * stream restarted, so a reset simulator hands out exactly the ids it handed out at start.
 */
import { seedAgents as defaultSeedAgents } from './agents/seed';
import { NO_QUIRKS, type Quirks } from './chaos';
import type { Clock } from './clock';
import { TaskEngine } from './engine';
import { FaultQueue } from './faults';
import { createIdFactory, createRandom, deriveSeed, type Random } from './ids';
import type { SimulatorOptions } from './options';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { createWorkspace, type Workspace } from './store';

export class Simulation {
  readonly options: SimulatorOptions;
  readonly clock: Clock;
  readonly requestLog = new RequestLog();
  readonly faults = new FaultQueue();
  readonly rateLimiter: RateLimiter;
  workspace: Workspace;
  engine: TaskEngine;
  errorRandom: Random;
  latencyRandom: Random;
  /** What `POST /__sim/config` can change at run time; a reset restores the options. */
  settings: { errorRate: number };
  /** Readings of the API other backends may have (`chaos.ts`); a reset clears them. */
  quirks: Quirks = { ...NO_QUIRKS };

  constructor(options: SimulatorOptions, clock: Clock) {
    this.options = options;
    this.clock = clock;
    this.rateLimiter = new RateLimiter(options.rateLimit);
    const fresh = this.#build();
    this.workspace = fresh.workspace;
    this.engine = fresh.engine;
    this.errorRandom = createRandom(deriveSeed(options.seed, 'errors'));
    this.latencyRandom = createRandom(deriveSeed(options.seed, 'latency'));
    this.settings = { errorRate: options.errorRate };
  }

  /** Fresh workspace from the seed; clears the request log, faults and rate-limit windows. */
  reset(): void {
    this.engine.dispose();
    const fresh = this.#build();
    this.workspace = fresh.workspace;
    this.engine = fresh.engine;
    this.errorRandom = createRandom(deriveSeed(this.options.seed, 'errors'));
    this.latencyRandom = createRandom(deriveSeed(this.options.seed, 'latency'));
    this.requestLog.clear();
    this.faults.clear();
    this.rateLimiter.reset();
    this.rateLimiter.setLimit(this.options.rateLimit);
    this.settings = { errorRate: this.options.errorRate };
    this.quirks = { ...NO_QUIRKS };
  }

  dispose(): void {
    this.engine.dispose();
  }

  #build(): { workspace: Workspace; engine: TaskEngine } {
    const newId = createIdFactory(createRandom(deriveSeed(this.options.seed, 'ids')));
    const seed = (this.options.seedAgents ?? defaultSeedAgents)();
    const workspace = createWorkspace(seed, newId, this.clock.now());
    const engine = new TaskEngine(workspace, {
      clock: this.clock,
      concurrency: this.options.concurrency,
      longTraceSteps: this.options.longTraceSteps,
      seed: this.options.seed,
      maxInputBytes: Math.round(this.options.maxInputMb * 1024 * 1024),
    });
    return { workspace, engine };
  }
}
