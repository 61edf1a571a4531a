/** The run form's fields as a run (`api/runs.ts` builds the request from them): what they send
 *  as `output_config`, and the first reason they cannot be sent yet. */
import { runJsonBody, type OutputConfig, type RunFields } from '@/api/runs';

export type RunDraftInput = RunFields;

/** `output_config` with only its non-empty fields, or undefined when there is nothing to send. */
export function outputConfigFor(input: RunDraftInput): OutputConfig | undefined {
  return runJsonBody(input).output_config;
}

/** The first reason the form cannot be sent yet, naming the field to fix. */
export function validateRunInput(
  input: RunDraftInput,
): { field: 'agent' | 'query'; message: string } | null {
  if (!input.agentId) return { field: 'agent', message: 'Choose an agent to run.' };
  if (!input.query.trim() && input.files.length === 0) {
    return { field: 'query', message: 'Type a query or add at least one file.' };
  }
  return null;
}
