/** `Copy as curl`: the command that sends what is on the run form, from `buildRunRequest`. The key
 *  comes from `$NANONETS_API_KEY`; everything else is single-quoted and text parts use
 *  `--form-string`, so a query arrives as typed. */
import { buildRunRequest } from '@/api/runs';
import { outputConfigFor, type RunDraftInput } from './run-request';

/** Quotes a word for POSIX shells. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** curl's `-F name=@file` syntax breaks on `;` and `,` in a file name unless it is double-quoted. */
function curlFileName(name: string): string {
  return /[;,"\\]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

/** Stands in for the agent's id until one is chosen: a shell variable, so the command reads
 *  as a template (`AGENT_ID=… curl …`) rather than a broken `/agents//run`. */
const AGENT_ID_PLACEHOLDER = '$AGENT_ID';

export function curlForRun(input: RunDraftInput, baseUrl: string): string {
  const request = buildRunRequest(input);
  const base = baseUrl.replace(/\/+$/, '');
  const url = input.agentId
    ? shellQuote(base + request.path)
    : `${shellQuote(`${base}/api/v1/agents/`)}"${AGENT_ID_PLACEHOLDER}"${shellQuote('/run')}`;
  const args = [`curl -X POST ${url}`, '-H "Authorization: Bearer $NANONETS_API_KEY"'];
  if (request.kind === 'json') {
    args.push(
      `-H ${shellQuote('Content-Type: application/json')}`,
      `-d ${shellQuote(JSON.stringify(request.body))}`,
    );
  } else {
    const query = input.query.trim();
    const config = outputConfigFor(input);
    if (query) args.push(`--form-string ${shellQuote(`query=${query}`)}`);
    for (const file of input.files) {
      args.push(`-F ${shellQuote(`files=@${curlFileName(file.name)}`)}`);
    }
    if (config) {
      args.push(`--form-string ${shellQuote(`output_config=${JSON.stringify(config)}`)}`);
    }
  }
  return args.join(' \\\n  ');
}
