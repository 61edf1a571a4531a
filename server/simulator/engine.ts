/** The task lifecycle on the clock: pickup, slots and queue, steps landing after their virtual
 *  durations (zero-duration ones in bulk), pauses for answers and reviews, and cancel (a step in
 *  flight still lands its work). At most one timer per task; `dispose()` clears them all. */
import type { AgentScript, Resume, RunInput, ScriptStep } from './agents/types';
import type { Clock, TimerHandle } from './clock';
import { createRandom, deriveSeed } from './ids';
import { HeldInputs } from './input-files';
import type { ResolvedSimulatorOptions } from './options';
import {
  SLOT_STATUSES,
  TERMINAL_STATUSES,
  type AgentRecord,
  type FeedItem,
  type MessageRecord,
  type TaskCompleteResult,
  type TaskRecord,
  type TaskStatus,
} from './model';
import { iso } from './present';
import type { Workspace } from './store';
import { deriveTitle } from './title';

/** Virtual ms between `POST /run` and the orchestrator picking the task up. */
export const PICKUP_DELAY_MS = 500;
/** Virtual ms between a reply (or review decision) and the task running again ("≈1 s"). */
export const RESUME_DELAY_MS = 800;
/** Duration of a step whose script gives none (the contract's default). */
export const DEFAULT_STEP_MS = 400;
/** Zero-duration steps landed per tick before yielding to the event loop. */
const MAX_STEPS_PER_TICK = 5_000;

/** A lifecycle operation that is not valid in the task's current state (HTTP 409). */
export class LifecycleConflict extends Error {
  override name = 'LifecycleConflict';
}

type TimerKind = 'pickup' | 'step' | 'resume' | 'continue';

interface Runtime {
  script: AgentScript;
  generator: Generator<ScriptStep, void, Resume> | null;
  timer: TimerHandle | null;
  timerKind: TimerKind | null;
  waitingFor: 'answer' | 'review' | null;
  /** User messages not yet delivered to the script (delivered at its next `ask_user`). */
  unread: MessageRecord[];
}

export class TaskEngine {
  readonly #store: Workspace;
  readonly #clock: Clock;
  readonly #options: ResolvedSimulatorOptions;
  readonly #runtimes = new Map<string, Runtime>();
  /** Per agent version: ids of tasks waiting for a slot, oldest first. */
  readonly #queues = new Map<string, string[]>();
  /** Per agent version: ids of tasks holding a slot. */
  readonly #active = new Map<string, Set<string>>();
  readonly #inputs: HeldInputs;
  #disposed = false;

  constructor(store: Workspace, clock: Clock, options: ResolvedSimulatorOptions) {
    this.#store = store;
    this.#clock = clock;
    this.#options = options;
    // Upload bytes held before agents read them.
    this.#inputs = new HeldInputs(Math.round(options.maxInputMb * 1024 * 1024));
  }

  /** Upload bytes held for files no agent has read yet. */
  get heldInputBytes(): number {
    return this.#inputs.heldBytes;
  }

  /** Creates a `pending` task for `agent` and schedules its pickup. */
  startTask(agent: AgentRecord, input: RunInput): TaskRecord {
    const script = agent.script;
    // Only an agent seeded inactive lacks one, and the run route refuses it (403) first.
    if (script === null) throw new Error(`Agent "${agent.name}" has no script, so it cannot run.`);
    const now = this.#clock.now();
    const task = this.#store.addTask({
      agentId: agent.id,
      status: 'pending',
      title: null,
      createdAt: now,
      updatedAt: now,
      input,
      feed: [],
      messages: [],
    });
    this.#inputs.hold(input.files);
    this.#runtimes.set(task.id, {
      script,
      generator: null,
      timer: null,
      timerKind: null,
      waitingFor: null,
      unread: [],
    });
    const opening =
      input.query ??
      `Attached ${input.files.length} file${input.files.length === 1 ? '' : 's'}: ${input.files
        .map((f) => f.name)
        .join(', ')}`;
    this.#addMessage(task, 'user', opening);
    this.#schedule(task, 'pickup', PICKUP_DELAY_MS, () => this.#pickUp(task));
    return task;
  }

  /**
   * Appends a user message. While the task waits for input it resumes the script after
   * `RESUME_DELAY_MS`; in any other live state the message is kept for the script's next
   * `ask_user` turn. Terminal tasks refuse messages.
   */
  postMessage(task: TaskRecord, text: string): MessageRecord {
    if (TERMINAL_STATUSES.has(task.status)) {
      throw new LifecycleConflict(
        `Task ${task.id} is ${task.status}, so it cannot receive messages. Start a new run with POST /api/v1/agents/{agent_id}/run.`,
      );
    }
    const runtime = this.#runtime(task);
    const message = this.#addMessage(task, 'user', text);
    runtime.unread.push(message);
    if (task.status === 'waiting_for_input' && runtime.timerKind !== 'resume') {
      this.#schedule(task, 'resume', RESUME_DELAY_MS, () => this.#deliverAnswer(task));
    }
    return message;
  }

  /** Records a reviewer's decision; the script resumes with it after `RESUME_DELAY_MS`. */
  decideReview(task: TaskRecord, approved: boolean, note: string | null): void {
    const runtime = this.#runtimes.get(task.id);
    if (task.status !== 'awaiting_review' || !runtime || runtime.waitingFor !== 'review') {
      throw new LifecycleConflict(
        `Task ${task.id} is ${task.status}; only a task that is awaiting_review can be approved or rejected.`,
      );
    }
    if (runtime.timerKind === 'resume') {
      throw new LifecycleConflict(
        `A decision was already recorded for the review of task ${task.id}; it resumes shortly.`,
      );
    }
    const now = this.#clock.now();
    const item = task.feed.findLast((feedItem) => feedItem.type === 'review');
    if (item) {
      item.output = {
        decision: approved ? 'approved' : 'rejected',
        note,
        decided_at: iso(now),
      };
    }
    task.updatedAt = now;
    this.#schedule(task, 'resume', RESUME_DELAY_MS, () => {
      runtime.waitingFor = null;
      this.#setStatus(task, 'running');
      this.#pump(task, { kind: 'review', approved, note });
    });
  }

  /** Stops a live task; a no-op on a terminal one (cancel is idempotent). */
  cancel(task: TaskRecord): void {
    if (TERMINAL_STATUSES.has(task.status)) return;
    const runtime = this.#runtimes.get(task.id);
    if (task.status === 'queued') this.#dequeue(task);
    const stepInFlight = runtime?.timerKind === 'step';
    if (runtime && !stepInFlight) this.#clearTimer(runtime);
    this.#setStatus(task, 'stopped');
    if (!stepInFlight) this.#finish(task);
  }

  /** Clears every timer and closes every script; the engine does nothing afterwards. */
  dispose(): void {
    this.#disposed = true;
    for (const runtime of this.#runtimes.values()) {
      this.#clearTimer(runtime);
      this.#closeGenerator(runtime);
    }
    this.#runtimes.clear();
    this.#inputs.releaseAll();
  }

  // ---- lifecycle steps -----------------------------------------------------------------------

  #pickUp(task: TaskRecord): void {
    if (task.status !== 'pending') return;
    const fileNames = task.input.files.map((file) => file.name);
    task.title = deriveTitle(task.input.query, fileNames);
    const queue = this.#queue(task.agentId);
    if (this.#activeSet(task.agentId).size >= this.#options.concurrency || queue.length > 0) {
      queue.push(task.id);
      this.#setStatus(task, 'queued');
      return;
    }
    this.#begin(task);
  }

  #begin(task: TaskRecord): void {
    const runtime = this.#runtime(task);
    const ctx = {
      random: createRandom(deriveSeed(this.#options.seed, 'task', task.seq)),
      longTraceSteps: this.#options.longTraceSteps,
    };
    this.#setStatus(task, 'running');
    try {
      runtime.generator = runtime.script(task.input, ctx);
    } catch (err) {
      this.#crash(task, err);
      return;
    }
    this.#pump(task, undefined);
  }

  /** Pulls steps until one takes time or suspends the script. */
  #pump(task: TaskRecord, resume: Resume): void {
    const runtime = this.#runtimes.get(task.id);
    const generator = runtime?.generator;
    if (!runtime || !generator) return;
    let next: Resume = resume;
    for (let landed = 0; ; landed++) {
      if (landed >= MAX_STEPS_PER_TICK) {
        this.#schedule(task, 'continue', 0, () => this.#pump(task, undefined));
        return;
      }
      let result: IteratorResult<ScriptStep, void>;
      try {
        result = generator.next(next);
      } catch (err) {
        this.#crash(task, err);
        return;
      }
      next = undefined;
      if (result.done) {
        const last = task.feed.findLast((item) => item.type === 'message' && item.role !== 'user');
        const summary = typeof last?.content === 'string' ? last.content : null;
        this.#complete(
          task,
          summary ?? 'The agent finished without a final answer.',
          undefined,
          null,
        );
        return;
      }
      const step = result.value;
      const ms = step.durationMs ?? DEFAULT_STEP_MS;
      const duration = Number.isFinite(ms) && ms > 0 ? ms : 0;
      if (duration > 0) {
        this.#schedule(task, 'step', duration, () => this.#stepDue(task, step, duration));
        return;
      }
      if (!this.#land(task, step, 0)) return;
    }
  }

  #stepDue(task: TaskRecord, step: ScriptStep, duration: number): void {
    if (task.status === 'stopped') {
      // The worker finishes the step it was executing; only work products land, never a
      // final answer or a new question on a task the user has already stopped.
      if (step.kind === 'message' || step.kind === 'tool_call') this.#land(task, step, duration);
      this.#finish(task);
      return;
    }
    if (this.#land(task, step, duration)) this.#pump(task, undefined);
  }

  /** Appends a step's feed item and applies its effect; returns true to keep pulling steps. */
  #land(task: TaskRecord, step: ScriptStep, duration: number): boolean {
    const runtime = this.#runtime(task);
    switch (step.kind) {
      case 'message':
        this.#append(task, { type: 'message', role: 'assistant', content: step.content }, duration);
        return true;
      case 'tool_call':
        this.#append(
          task,
          {
            type: 'tool_call',
            role: 'tool',
            name: step.name,
            arguments: step.arguments,
            output: step.output,
          },
          duration,
        );
        return true;
      case 'ask_user':
        this.#append(
          task,
          {
            type: 'ask_user',
            role: 'assistant',
            name: 'ask_user',
            arguments: { question: step.question },
            content: step.question,
          },
          duration,
        );
        this.#addMessage(task, 'assistant', step.question);
        runtime.waitingFor = 'answer';
        if (runtime.unread.length > 0) {
          // Messages sent while the agent was working answer its question on this turn.
          this.#schedule(task, 'resume', RESUME_DELAY_MS, () => this.#deliverAnswer(task));
        } else {
          this.#setStatus(task, 'waiting_for_input');
        }
        return false;
      case 'review':
        this.#append(
          task,
          {
            type: 'review',
            role: 'assistant',
            name: step.name,
            arguments: step.arguments,
            content: step.reason,
          },
          duration,
        );
        runtime.waitingFor = 'review';
        this.#setStatus(task, 'awaiting_review');
        return false;
      case 'complete':
        this.#complete(task, step.summary, step.extractedData, duration);
        return false;
      case 'fail':
        this.#append(task, { type: 'error', role: 'assistant', content: step.error }, duration);
        this.#setStatus(task, 'failed');
        this.#finish(task);
        return false;
    }
  }

  #deliverAnswer(task: TaskRecord): void {
    const runtime = this.#runtime(task);
    if (runtime.waitingFor !== 'answer' || runtime.unread.length === 0) return;
    const text = runtime.unread.map((message) => message.content).join('\n\n');
    runtime.unread = [];
    runtime.waitingFor = null;
    this.#setStatus(task, 'running');
    this.#pump(task, { kind: 'answer', text });
  }

  #complete(
    task: TaskRecord,
    summary: string,
    extractedData: unknown,
    duration: number | null,
  ): void {
    const result: TaskCompleteResult = {
      content: [{ type: 'text', text: summary }],
      structuredContent: {
        summary,
        ...(extractedData !== undefined ? { extracted_data: extractedData } : {}),
      },
    };
    this.#append(
      task,
      { type: 'task_complete', role: 'assistant', name: 'task_complete', content: summary, result },
      duration,
    );
    this.#addMessage(task, 'assistant', summary);
    this.#setStatus(task, 'completed');
    this.#finish(task);
  }

  #crash(task: TaskRecord, err: unknown): void {
    this.#append(
      task,
      {
        type: 'error',
        role: 'assistant',
        content: `The agent crashed: ${err instanceof Error ? err.message : String(err)}`,
      },
      null,
    );
    this.#setStatus(task, 'failed');
    this.#finish(task);
  }

  // ---- bookkeeping ---------------------------------------------------------------------------

  #setStatus(task: TaskRecord, status: TaskStatus): void {
    if (task.status === status) return;
    task.status = status;
    task.updatedAt = this.#clock.now();
    const active = this.#activeSet(task.agentId);
    if (SLOT_STATUSES.has(status)) active.add(task.id);
    else if (active.delete(task.id)) this.#promote(task.agentId);
  }

  /** Admits queued tasks, oldest first, while the agent version has free slots. */
  #promote(agentId: string): void {
    const queue = this.#queue(agentId);
    while (queue.length > 0 && this.#activeSet(agentId).size < this.#options.concurrency) {
      const id = queue.shift();
      const next = id === undefined ? undefined : this.#store.getTask(id);
      if (next?.status === 'queued') this.#begin(next);
    }
  }

  #dequeue(task: TaskRecord): void {
    const queue = this.#queue(task.agentId);
    const index = queue.indexOf(task.id);
    if (index !== -1) queue.splice(index, 1);
  }

  #append(
    task: TaskRecord,
    fields: Pick<FeedItem, 'type' | 'role'> & Partial<FeedItem>,
    duration: number | null,
  ): FeedItem {
    const now = this.#clock.now();
    const item: FeedItem = {
      id: this.#store.newId(),
      type: fields.type,
      name: fields.name ?? null,
      role: fields.role,
      arguments: fields.arguments ?? null,
      content: fields.content ?? null,
      output: fields.output ?? null,
      result: fields.result ?? null,
      created_at: iso(now),
      duration_ms: duration,
    };
    task.feed.push(item);
    task.updatedAt = now;
    return item;
  }

  /**
   * Adds a conversation message. User messages also appear in the feed (role `user`), so the
   * trace shows what the agent was told and when; agent questions and the final answer are
   * already feed items of their own.
   */
  #addMessage(task: TaskRecord, role: 'user' | 'assistant', content: string): MessageRecord {
    const now = this.#clock.now();
    const other = role === 'user' ? 'assistant' : 'user';
    const parent = [...task.messages].reverse().find((message) => message.role === other);
    const message: MessageRecord = {
      id: this.#store.newId(),
      role,
      content,
      createdAt: now,
      userId: role === 'user' ? this.#store.userId : null,
      parentId: parent?.id ?? null,
    };
    task.messages.push(message);
    task.updatedAt = now;
    if (role === 'user') this.#append(task, { type: 'message', role: 'user', content }, null);
    return message;
  }

  #schedule(task: TaskRecord, kind: TimerKind, ms: number, fn: () => void): void {
    if (this.#disposed) return;
    const runtime = this.#runtime(task);
    this.#clearTimer(runtime);
    const handle = this.#clock.setTimeout(() => {
      if (runtime.timer === handle) {
        runtime.timer = null;
        runtime.timerKind = null;
      }
      if (!this.#disposed) fn();
    }, ms);
    runtime.timer = handle;
    runtime.timerKind = kind;
  }

  #clearTimer(runtime: Runtime): void {
    if (runtime.timer) this.#clock.clearTimeout(runtime.timer);
    runtime.timer = null;
    runtime.timerKind = null;
  }

  /** Releases everything the task holds once it is terminal, files its agent never read too. */
  #finish(task: TaskRecord): void {
    for (const file of task.input.files) file.release();
    const runtime = this.#runtimes.get(task.id);
    if (!runtime) return;
    this.#clearTimer(runtime);
    this.#closeGenerator(runtime);
    this.#runtimes.delete(task.id);
  }

  #closeGenerator(runtime: Runtime): void {
    const generator = runtime.generator;
    runtime.generator = null;
    try {
      generator?.return(undefined);
    } catch {
      // A script's cleanup failing must not take the simulator down; the task is over anyway.
    }
  }

  #runtime(task: TaskRecord): Runtime {
    const runtime = this.#runtimes.get(task.id);
    if (!runtime) throw new Error(`No runtime for task ${task.id} (status ${task.status})`);
    return runtime;
  }

  #queue(agentId: string): string[] {
    if (!this.#queues.has(agentId)) this.#queues.set(agentId, []);
    return this.#queues.get(agentId) ?? [];
  }

  #activeSet(agentId: string): Set<string> {
    if (!this.#active.has(agentId)) this.#active.set(agentId, new Set());
    return this.#active.get(agentId) ?? new Set();
  }
}
