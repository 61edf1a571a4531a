/**
 * Agents the benchmark adds to the simulator's seed: "Bench Worker", whose every run takes
 * 50 virtual seconds (five ten-second steps), so `npm run bench` can watch a task of a known
 * length at the real speed (time scale 1) and hold the console to its polling budgets; and
 * "Trace Stress Test (100 steps)", the seeded long-trace script cut to 100 steps, so the Trace
 * viewer's 10,000-step figures have a 100-step twin from the same script, simulator and build.
 */
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
  ];
}
