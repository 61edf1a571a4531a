/**
 * Turns any error into what a person needs: the server's own words plus what to do next.
 *
 * The API's `error` text says what went wrong but not always what to do about it, and the docs
 * say the text may change, so the advice branches on the HTTP status (as the docs recommend)
 * and the message is shown as the server wrote it.
 */
import { ApiError } from '@/api/http';

export interface ErrorDescription {
  message: string;
  advice: string;
}

function adviceForStatus(error: ApiError): string {
  const { status } = error;
  if (status === 401) {
    return 'The API key was refused. Set a valid NANONETS_API_KEY for the dashboard server and restart it.';
  }
  if (status === 403) {
    return 'The key is valid but may not reach this resource (another workspace, or an inactive agent).';
  }
  if (status === 404) return 'It may have been deleted, or the link is wrong.';
  if (status === 429) {
    return error.retryAfter !== undefined
      ? `Too many requests. Wait ${Math.ceil(error.retryAfter)} s, then try again.`
      : 'Too many requests. Wait a moment, then try again.';
  }
  if (status === 502 || status === 504) {
    return 'The dashboard server could not get an answer from the API. Try again in a moment.';
  }
  if (status >= 500)
    return 'The service had a problem; it usually recovers. Try again in a moment.';
  return 'The request was refused as it stands; retrying will not help unless something changes.';
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof ApiError) {
    if (error.kind === 'network') {
      return {
        message: error.message,
        advice: 'Check your connection and that the dashboard server (npm start) is still running.',
      };
    }
    if (error.kind === 'invalid-response') {
      return {
        message: error.message,
        advice:
          'The API answered in a shape this console does not understand. The API may have changed; check for a newer console.',
      };
    }
    return { message: error.message, advice: adviceForStatus(error) };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    advice: 'This is a problem in the console itself. Reload the page; if it persists, report it.',
  };
}
