/** `POST /api/v1/agents/{id}/run`: JSON runs through `http.ts`, multipart ones through
 *  `XMLHttpRequest` for upload progress; both end in a `RunResponse`, an `ApiError` or an
 *  `AbortError`. */
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
