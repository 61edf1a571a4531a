/**
 * Helpers for driving scripts outside the engine: a seeded PRNG, input builders and a loop that
 * answers `ask_user`/`review` steps from a queue, the way the engine would resume them.
 * Used by the script tests; small enough for the engine's tests to reuse.
 */
import type {
  AgentScript,
  InputFile,
  OutputConfig,
  Resume,
  RunInput,
  ScriptContext,
  ScriptStep,
} from './types';
import { createRandom } from '../ids';
import { HeldFile } from '../input-files';

/** The simulator's own seeded generator, so tests see the streams the engine would give. */
export const seededRandom = createRandom;

export function textFile(name: string, text: string, type = ''): InputFile {
  const bytes = new TextEncoder().encode(text);
  return { name, type, size: bytes.length, bytes };
}

export function binaryFile(name: string, bytes: readonly number[], type = ''): InputFile {
  return { name, type, size: bytes.length, bytes: Uint8Array.from(bytes) };
}

/** A run's input; each file is held as the run route holds it, to be read once. */
export function runInput(
  query: string | null,
  files: InputFile[] = [],
  outputConfig: OutputConfig | null = null,
): RunInput {
  return { query, files: files.map((file) => new HeldFile(file)), outputConfig };
}

export function context(seed = 1, longTraceSteps = 10_000): ScriptContext {
  return { random: seededRandom(seed), longTraceSteps };
}

/**
 * Runs a script to its end. Each suspending step (`ask_user`, `review`) consumes the next entry
 * of `resumes`; running out of entries throws, so a test cannot miss an unexpected question.
 */
export function drive(
  script: AgentScript,
  input: RunInput,
  ctx: ScriptContext = context(),
  resumes: Resume[] = [],
  maxSteps = 1_000_000,
): ScriptStep[] {
  const steps: ScriptStep[] = [];
  const queue = [...resumes];
  const gen = script(input, ctx);
  let resume: Resume = undefined;
  for (let n = 0; n < maxSteps; n++) {
    const result = gen.next(resume);
    if (result.done === true) return steps;
    const step = result.value;
    steps.push(step);
    resume = undefined;
    if (step.kind === 'ask_user' || step.kind === 'review') {
      if (queue.length === 0)
        throw new Error(`Unexpected ${step.kind} step: ${JSON.stringify(step)}`);
      resume = queue.shift();
    }
  }
  throw new Error(`Script did not finish within ${maxSteps} steps`);
}
