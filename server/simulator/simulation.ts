/** Everything one running simulator holds: options, clock, workspace and engine, request log,
 *  faults, rate limiter, quirks and seeded random streams. `reset()` rebuilds it from the seed. */
import { seedAgents as defaultSeedAgents } from './agents/seed';
import type { Clock } from './clock';
import { TaskEngine } from './engine';
import { FaultQueue } from './faults';
import { createIdFactory, createRandom, deriveSeed, type Random } from './ids';
import type { ResolvedSimulatorOptions } from './options';
import { NO_QUIRKS, type Quirks } from './present';
import { RateLimiter } from './rate-limit';
import { RequestLog } from './request-log';
import { createWorkspace, type Workspace } from './store';

export class Simulation {
  readonly requestLog = new RequestLog();
  readonly faults = new FaultQueue();
  rateLimiter!: RateLimiter;
  workspace!: Workspace;
  engine!: TaskEngine;
  /** Separate streams, so turning latency on does not change which requests fail. */
  errorRandom!: Random;
  latencyRandom!: Random;
  /** What `POST /__sim/config` changes at run time. */
  settings!: { errorRate: number };
  quirks!: Quirks;

  constructor(
    readonly options: ResolvedSimulatorOptions,
    readonly clock: Clock,
  ) {
    this.#fresh();
  }

  /** A fresh workspace from the seed (the same ids again); clears the log, faults, limits, quirks. */
  reset(): void {
    this.engine.dispose();
    this.requestLog.clear();
    this.faults.clear();
    this.#fresh();
  }

  dispose(): void {
    this.engine.dispose();
  }

  #fresh(): void {
    const { seed } = this.options;
    const newId = createIdFactory(createRandom(deriveSeed(seed, 'ids')));
    this.workspace = createWorkspace(
      (this.options.seedAgents ?? defaultSeedAgents)(),
      newId,
      this.clock.now(),
    );
    this.engine = new TaskEngine(this.workspace, this.clock, this.options);
    this.errorRandom = createRandom(deriveSeed(seed, 'errors'));
    this.latencyRandom = createRandom(deriveSeed(seed, 'latency'));
    this.rateLimiter = new RateLimiter(this.options.rateLimit);
    this.settings = { errorRate: this.options.errorRate };
    this.quirks = { ...NO_QUIRKS };
  }
}
