/** Turns the run form into the `POST /agents/{id}/run` request, in one pure place for the submit,
 *  `Copy as curl` and tests: JSON without files, multipart with them (`output_config` a JSON string
 *  part); empty fields left out. */

export interface RunDraftInput {
  agentId: string;
  query: string;
  files: readonly File[];
  outputSchema: string;
  instructions: string;
}

export interface OutputConfig {
  output_schema?: string;
  instructions?: string;
}

export type RunRequest =
  | { kind: 'json'; path: string; body: { query?: string; output_config?: OutputConfig } }
  | { kind: 'multipart'; path: string; form: FormData };

export function runPath(agentId: string): string {
  return `/api/v1/agents/${encodeURIComponent(agentId)}/run`;
}

/** `output_config` with only its non-empty fields, or undefined when there is nothing to send. */
export function outputConfigFor(input: RunDraftInput): OutputConfig | undefined {
  const config: OutputConfig = {};
  const schema = input.outputSchema.trim();
  const instructions = input.instructions.trim();
  if (schema) config.output_schema = schema;
  if (instructions) config.instructions = instructions;
  return schema || instructions ? config : undefined;
}

export function buildRunRequest(input: RunDraftInput): RunRequest {
  const path = runPath(input.agentId);
  const query = input.query.trim();
  const config = outputConfigFor(input);
  if (input.files.length === 0) {
    const body: { query?: string; output_config?: OutputConfig } = {};
    if (query) body.query = query;
    if (config) body.output_config = config;
    return { kind: 'json', path, body };
  }
  const form = new FormData();
  if (query) form.append('query', query);
  for (const file of input.files) form.append('files', file, file.name);
  if (config) form.append('output_config', JSON.stringify(config));
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
