/**
 * Reads the body of `POST /agents/{id}/run` in either documented flavour — JSON
 * `{query, output_config}` or multipart with repeated `files` parts (legacy `file` too), a
 * `query` part and `output_config` as a JSON *string* part — into one `RunInput`, enforcing the
 * simulator's file limits with messages that name the offending file.
 *
 * Multipart parsing is the platform's FormData parser (through hono's `parseBody`), never a
 * hand-written one.
 */
import type { Context } from 'hono';
import type { InputFile, OutputConfig, RunInput } from './agents/types';
import { ApiProblem } from './problem';
import { isPlainObject, mediaType, readJsonObject } from './validate';

export interface FileLimits {
  maxFileMb: number;
  maxFiles: number;
}

const FILE_FIELDS = ['files', 'file', 'files[]'] as const;
const BYTES_PER_MB = 1024 * 1024;

function formatMb(bytes: number): string {
  return `${(bytes / BYTES_PER_MB).toFixed(1)} MB`;
}

function noInput(): ApiProblem {
  return new ApiProblem(
    400,
    'Nothing to run: send a "query", at least one file, or both. Files go in "files" parts of a multipart/form-data body.',
  );
}

function parseOutputConfig(value: unknown, source: 'json' | 'multipart'): OutputConfig | null {
  if (value === undefined || value === null) return null;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    try {
      parsed = JSON.parse(value);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new ApiProblem(
        400,
        `output_config is not valid JSON (${detail}). ${
          source === 'multipart' ? 'The part must hold' : 'Send'
        } a JSON object such as {"output_schema": "{\\"total\\": \\"number\\"}", "instructions": "…"}.`,
      );
    }
  }
  if (!isPlainObject(parsed)) {
    throw new ApiProblem(
      400,
      'output_config must be a JSON object with optional "output_schema" and "instructions" strings.',
    );
  }
  const config: OutputConfig = {};
  for (const key of ['output_schema', 'instructions'] as const) {
    const field = parsed[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== 'string') {
      throw new ApiProblem(
        400,
        `output_config.${key} must be a string${
          key === 'output_schema'
            ? ' (serialise a JSON schema into a string, or describe the fields in words)'
            : ''
        }.`,
      );
    }
    config[key] = field;
  }
  return config;
}

function cleanQuery(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ApiProblem(400, 'query must be a string.');
  return value.trim() === '' ? null : value;
}

function checkLimits(files: readonly File[], limits: FileLimits): void {
  if (files.length > limits.maxFiles) {
    const firstOver = files[limits.maxFiles];
    throw new ApiProblem(
      400,
      `This run attaches ${files.length} files; the limit is ${limits.maxFiles} files per run. File "${
        firstOver?.name ?? ''
      }" and the ones after it are over the limit; split them across several runs.`,
    );
  }
  const maxBytes = limits.maxFileMb * BYTES_PER_MB;
  for (const file of files) {
    if (file.size > maxBytes) {
      throw new ApiProblem(
        400,
        `File "${file.name}" is ${formatMb(file.size)}; the limit is ${limits.maxFileMb} MB per file.`,
      );
    }
  }
}

async function toInputFile(file: File): Promise<InputFile> {
  return {
    name: file.name,
    type: file.type,
    size: file.size,
    bytes: new Uint8Array(await file.arrayBuffer()),
  };
}

async function readMultipart(c: Context, limits: FileLimits): Promise<RunInput> {
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new ApiProblem(
      400,
      `Could not read the multipart/form-data body (${detail}). Check that the boundary in Content-Type matches the body.`,
    );
  }
  const values = (key: string): (string | File)[] => {
    const value = form[key];
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
  };

  const files: File[] = [];
  for (const field of FILE_FIELDS) {
    for (const value of values(field)) {
      if (typeof value === 'string') {
        throw new ApiProblem(
          400,
          `The "${field}" part must be a file upload (a part with a filename), not a text value.`,
        );
      }
      // An empty <input type=file> in an HTML form is sent as a nameless, empty part.
      if (value.name === '' && value.size === 0) continue;
      files.push(value);
    }
  }
  const queries = values('query');
  if (queries.length > 1) throw new ApiProblem(400, 'Send at most one "query" part.');
  const queryPart = queries[0];
  if (queryPart instanceof File) {
    throw new ApiProblem(
      400,
      'The "query" part must be text, not a file. Attach files as "files" parts.',
    );
  }
  const configs = values('output_config');
  if (configs.length > 1) throw new ApiProblem(400, 'Send at most one "output_config" part.');
  const configPart = configs[0];
  if (configPart instanceof File) {
    // Some clients attach JSON as a blob part; read it as the JSON string it is.
    const text = await configPart.text();
    return finish(cleanQuery(queryPart), files, parseOutputConfig(text, 'multipart'), limits);
  }
  return finish(cleanQuery(queryPart), files, parseOutputConfig(configPart, 'multipart'), limits);
}

async function finish(
  query: string | null,
  files: File[],
  outputConfig: OutputConfig | null,
  limits: FileLimits,
): Promise<RunInput> {
  checkLimits(files, limits);
  if (query === null && files.length === 0) throw noInput();
  return { query, files: await Promise.all(files.map(toInputFile)), outputConfig };
}

/** Parses and validates a run request body (either flavour). */
export async function readRunInput(c: Context, limits: FileLimits): Promise<RunInput> {
  const type = mediaType(c);
  if (type === 'multipart/form-data') return readMultipart(c, limits);
  if (type === null && (await c.req.text()).trim() === '') throw noInput();
  if (type !== null && type !== 'application/json' && !type.endsWith('+json')) {
    throw new ApiProblem(
      415,
      `Unsupported Content-Type "${type}". Send application/json ({"query": "…"}) or multipart/form-data (with "files" parts).`,
    );
  }
  const body = await readJsonObject(c, { emptyIsObject: true });
  return finish(cleanQuery(body.query), [], parseOutputConfig(body.output_config, 'json'), limits);
}
