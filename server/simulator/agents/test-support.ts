/** Drives scripts outside the engine for tests: a seeded PRNG, input builders, and `drive`, which
 *  answers `ask_user`/`review` steps from a queue the way the engine resumes them. */
import type { AgentScript, InputFile, OutputConfig, Resume, RunInput } from './types';
import type { ScriptContext, ScriptStep } from './types';
import { createRandom } from '../ids';
import { HeldFile } from '../input-files';

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
  return { random: createRandom(seed), longTraceSteps };
}

/** Runs a script to its end, answering each `ask_user`/`review` with the next of `resumes`. */
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
