/** Turns the run form into the `POST /agents/{id}/run` request, in one pure place for the submit,
 *  `Copy as curl` and tests: JSON without files, multipart with them (`output_config` a JSON string
 *  part); empty fields left out. */
import { runJsonBody, type OutputConfig, type RunJsonBody } from '@/api/runs';

export interface RunDraftInput {
  agentId: string;
  query: string;
  files: readonly File[];
  outputSchema: string;
  instructions: string;
}

export type RunRequest =
  | { kind: 'json'; path: string; body: RunJsonBody }
  | { kind: 'multipart'; path: string; form: FormData };

export function runPath(agentId: string): string {
  return `/api/v1/agents/${encodeURIComponent(agentId)}/run`;
}

/** `output_config` with only its non-empty fields, or undefined when there is nothing to send. */
export function outputConfigFor(input: RunDraftInput): OutputConfig | undefined {
  return runJsonBody(input).output_config;
}

export function buildRunRequest(input: RunDraftInput): RunRequest {
  const path = runPath(input.agentId);
  const body = runJsonBody(input);
  if (input.files.length === 0) return { kind: 'json', path, body };
  const form = new FormData();
  if (body.query) form.append('query', body.query);
  for (const file of input.files) form.append('files', file, file.name);
  if (body.output_config) form.append('output_config', JSON.stringify(body.output_config));
  return { kind: 'multipart', path, form };
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
