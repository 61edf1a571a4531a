/** The one error path: handlers throw `ApiProblem(status, text)` and the app answers with the
 *  documented envelope `{"error": "..."}`. */
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
