/** Agents the benchmark adds to the simulator: "Bench Worker" (a 50-s run, for the polling
 *  budgets), "Trace Stress Test (100 steps)" (the 10,000-step figures' twin) and "Trace Live
 *  (10,000 steps)" (then a step every 3 s, for what a live Trace downloads). */
import { longTraceScript } from '../server/simulator/agents/long-trace';
import { seedAgents } from '../server/simulator/agents/seed';
import type { AgentScript, SeedAgent } from '../server/simulator/agents/types';

export const BENCH_AGENT_NAME = 'Bench Worker';
/** Steps of the bench run; with the 500 ms pickup the task ends about 50 s after it starts. */
const STEPS = 5;
const STEP_MS = 9_900;

const fiftySeconds: AgentScript = function* () {
  for (let step = 1; step <= STEPS; step++) {
    yield { kind: 'message', content: `Step ${step} of ${STEPS}.`, durationMs: STEP_MS };
  }
  yield { kind: 'complete', summary: 'All five steps done.', durationMs: 10 };
};

export const TRACE_100_AGENT_NAME = 'Trace Stress Test (100 steps)';

const hundredSteps: AgentScript = (input, ctx) =>
  longTraceScript(input, { ...ctx, longTraceSteps: 100 });

export const TRACE_LIVE_AGENT_NAME = 'Trace Live (10,000 steps)';
/** Steps landed at once when the run starts, then steps landed one by one every few seconds. */
export const TRACE_LIVE_STEPS = 10_000;
const TRACE_LIVE_LATER_STEPS = 60;
const TRACE_LIVE_STEP_MS = 3_000;

const liveTrace: AgentScript = function* (input, ctx) {
  // The long-trace script's first 10,000 steps, all at once; its final `complete` is dropped.
  let landed = 0;
  for (const step of longTraceScript(input, { ...ctx, longTraceSteps: TRACE_LIVE_STEPS + 1 })) {
    if (landed === TRACE_LIVE_STEPS) break;
    landed++;
    yield { ...step, durationMs: 0 };
  }
  for (let step = 1; step <= TRACE_LIVE_LATER_STEPS; step++) {
    yield {
      kind: 'tool_call',
      name: 'note',
      arguments: { text: `Follow-up ${step} of ${TRACE_LIVE_LATER_STEPS}.` },
      output: { saved: true, note_id: `follow-up-${step}` },
      durationMs: TRACE_LIVE_STEP_MS,
    };
  }
  yield {
    kind: 'complete',
    summary: `${TRACE_LIVE_STEPS + TRACE_LIVE_LATER_STEPS} steps done.`,
    durationMs: 10,
  };
};

export function benchSeedAgents(): SeedAgent[] {
  return [
    ...seedAgents(),
    {
      key: 'bench-worker',
      name: BENCH_AGENT_NAME,
      config: { model: 'bench' },
      versions: [
        {
          version_number: 1,
          status: 'published',
          is_active: true,
          system_prompt: 'Works through five steps of ten seconds each.',
          created_minutes_ago: 60,
        },
      ],
      script: fiftySeconds,
    },
    {
      key: 'trace-100',
      name: TRACE_100_AGENT_NAME,
      config: { model: 'bench' },
      versions: [
        {
          version_number: 1,
          status: 'published',
          is_active: true,
          system_prompt: 'The long-trace research script, 100 steps.',
          created_minutes_ago: 60,
        },
      ],
      script: hundredSteps,
    },
    {
      key: 'trace-live',
      name: TRACE_LIVE_AGENT_NAME,
      config: { model: 'bench' },
      versions: [
        {
          version_number: 1,
          status: 'published',
          is_active: true,
          system_prompt: 'The long-trace script, 10,000 steps at once, then a step every 3 s.',
          created_minutes_ago: 60,
        },
      ],
      script: liveTrace,
    },
  ];
}
