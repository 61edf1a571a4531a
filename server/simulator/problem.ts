/**
 * The simulator's single error path. Handlers and validators `throw new ApiProblem(status, text)`
 * and the app's error handler turns it into the documented envelope `{"error": "..."}`, so no
 * route can answer a non-2xx status with any other body.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class ApiProblem extends Error {
  override name = 'ApiProblem';

  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** A JSON error envelope response, outside of hono's context (middleware short-circuits). */
export function errorResponse(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): Response {
  return new Response(JSON.stringify({ error: message }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
