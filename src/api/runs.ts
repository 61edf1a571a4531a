/** `POST /api/v1/agents/{id}/run`: the request built from a run's fields (one place for the New run
 *  form, `Copy as curl`, the list's Run again and batches); JSON runs through `http.ts`, multipart
 *  ones through `XMLHttpRequest` for upload progress; `sendRun` ends a hung answer. */
import {
  ApiError,
  OFFLINE_MESSAGE,
  apiErrorFromResponse,
  parseRetryAfter,
  parseJsonResponse,
  requestJson,
} from './http';
import { holdResource, recordRead, resourceOf, waitForResource } from './request-health';
import { RunResponse } from './schemas';

export interface OutputConfig {
  output_schema?: string;
  instructions?: string;
}

export interface RunJsonBody {
  query?: string;
  output_config?: OutputConfig;
}

/** A run's body from its fields: trimmed, and only the non-empty ones (`output_config` too). */
export function runJsonBody(fields: {
  query: string;
  outputSchema: string;
  instructions: string;
}): RunJsonBody {
  const body: RunJsonBody = {};
  const query = fields.query.trim();
  const schema = fields.outputSchema.trim();
  const instructions = fields.instructions.trim();
  if (query) body.query = query;
  if (schema || instructions) {
    body.output_config = {
      ...(schema ? { output_schema: schema } : {}),
      ...(instructions ? { instructions } : {}),
    };
  }
  return body;
}

export interface RunFields {
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

/** JSON without files, multipart with them (`output_config` a JSON string part). */
export function buildRunRequest(input: RunFields): RunRequest {
  const path = runPath(input.agentId);
  const body = runJsonBody(input);
  if (input.files.length === 0) return { kind: 'json', path, body };
  const form = new FormData();
  if (body.query) form.append('query', body.query);
  for (const file of input.files) form.append('files', file, file.name);
  if (body.output_config) form.append('output_config', JSON.stringify(body.output_config));
  return { kind: 'multipart', path, form };
}

/** How long to wait for the API's answer once the whole request has been sent. */
export const RESPONSE_TIMEOUT_MS = 30_000;

export interface SendRunOptions {
  /** Aborted by the caller to stop the run; `sendRun` aborts it too when the answer times out. */
  abort: AbortController;
  onUploadProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Set to true once the whole request has gone out (from then on, a task may exist). */
  sent?: { bodySent: boolean };
}

/**
 * Sends a run. Once the whole request is out (a JSON body at once, a multipart body after its
 * last byte) no answer within `RESPONSE_TIMEOUT_MS` ends it as a lost answer (a `network`
 * `ApiError`). After a failure, `sent.bodySent` tells whether the run's fate is unknown.
 */
export async function sendRun(
  request: RunRequest,
  { abort, onUploadProgress, sent = { bodySent: false } }: SendRunOptions,
): Promise<RunResponse> {
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onSent = () => {
    sent.bodySent = true;
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, RESPONSE_TIMEOUT_MS);
  };
  try {
    if (request.kind === 'json') {
      onSent();
      return await postRunJson(request.path, request.body, { signal: abort.signal });
    }
    return await postRunMultipart(request.path, request.form, {
      signal: abort.signal,
      onUploadProgress,
      onUploaded: onSent,
    });
  } catch (error) {
    if (!timedOut) throw error;
    throw new ApiError({
      kind: 'network',
      status: 0,
      message: `No answer from the API within ${RESPONSE_TIMEOUT_MS / 1000} s.`,
      method: 'POST',
      path: request.path,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface PostRunOptions {
  signal?: AbortSignal | undefined;
  /** Multipart only: called as the request body goes out. */
  onUploadProgress?: ((progress: UploadProgress) => void) | undefined;
  /** Multipart only: the whole body has been sent and the server is deciding. */
  onUploaded?: (() => void) | undefined;
}

export function postRunJson(
  path: string,
  body: RunJsonBody,
  { signal }: PostRunOptions = {},
): Promise<RunResponse> {
  return requestJson(path, { method: 'POST', body, signal, schema: RunResponse });
}

function abortError(): DOMException {
  return new DOMException('The upload was cancelled.', 'AbortError');
}

export async function postRunMultipart(
  path: string,
  form: FormData,
  { signal, onUploadProgress, onUploaded }: PostRunOptions = {},
): Promise<RunResponse> {
  // Like every request (`apiFetch`): not before a 429's wait on this resource is over, and the
  // outcome reported to request-health.ts.
  const resource = resourceOf(path);
  const wait = waitForResource(resource, signal);
  if (wait) await wait.catch(() => Promise.reject(abortError()));
  return new Promise<RunResponse>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError());
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbortSignal = () => xhr.abort();
    const settle = () => signal?.removeEventListener('abort', onAbortSignal);
    signal?.addEventListener('abort', onAbortSignal, { once: true });

    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploadProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => onUploaded?.();
    xhr.onabort = () => {
      settle();
      reject(abortError());
    };
    xhr.onerror = () => {
      settle();
      const failure = new ApiError({
        kind: 'network',
        status: 0,
        message: OFFLINE_MESSAGE,
        method: 'POST',
        path,
      });
      recordRead(resource, failure);
      reject(failure);
    };
    xhr.onload = () => {
      settle();
      const response = new Response(xhr.responseText === '' ? null : xhr.responseText, {
        status: xhr.status,
        statusText: xhr.statusText,
        headers: parseHeaders(xhr.getAllResponseHeaders()),
      });
      const answeredAt = Date.now();
      if (xhr.status === 429) {
        holdResource(resource, parseRetryAfter(response.headers.get('Retry-After'), answeredAt));
      }
      const outcome = response.ok
        ? parseJsonResponse(response, RunResponse, 'POST', path)
        : apiErrorFromResponse(response, 'POST', path).then((error) => {
            recordRead(resource, error, answeredAt);
            return Promise.reject(error);
          });
      if (response.ok) recordRead(resource, undefined, answeredAt);
      outcome.then(resolve, reject);
    };
    xhr.send(form);
  });
}

function parseHeaders(raw: string): Headers {
  const headers = new Headers();
  for (const line of raw.trim().split(/[\r\n]+/)) {
    const index = line.indexOf(':');
    if (index > 0) headers.append(line.slice(0, index).trim(), line.slice(index + 1).trim());
  }
  return headers;
}
