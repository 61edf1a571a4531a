/** Turns any error into the server's own words plus what to do next, branching on the HTTP status.
 *  One table for the console; a view adds what it knows through `AdviceContext`. On the first page
 *  on purpose: what explains a failure must never need the network. */
import { ApiError } from '@/api/http';

export interface ErrorDescription {
  /** A heading for the failure when its kind has a better one than the caller's. */
  title: string | undefined;
  message: string;
  advice: string;
}

export interface AdviceContext {
  /** How to try again here; "try again" unless the view has a better verb ("press Run again"). */
  retry?: string;
  /** What the request was about, for 403/404/409: "it" unless the view knows ("the agent"). */
  subject?: string;
  /** Said after a lost answer (no answer, 502, 504, an unreadable 2xx): the request may have
   *  done its work, so the view says why trying again is still safe. */
  afterLostAnswer?: string;
  /** Said after every advice, e.g. "Everything you entered is still here." */
  reassurance?: string;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Seconds a 429 asks us to wait: `Retry-After`, else a few. */
function retryAfterSeconds(error: ApiError): number {
  return Math.max(1, Math.ceil(error.retryAfter ?? 5));
}

/** Seconds before trying again makes sense after a 429, or null for any other failure. */
export function rateLimitWait(error: unknown): number | null {
  return error instanceof ApiError && error.status === 429 ? retryAfterSeconds(error) : null;
}

/** The request may have reached the API although no readable answer came back: no answer at
 *  all, the proxy's 502/504, or a 2xx whose body could not be read. */
export function isLostAnswer(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.kind === 'network' ||
      error.status === 502 ||
      error.status === 504 ||
      (error.kind === 'invalid-response' && error.status >= 200 && error.status < 300))
  );
}

interface Advice {
  title?: string;
  advice: string;
}

function adviceFor(error: ApiError, retry: string, subject: string): Advice {
  const { status } = error;
  if (error.kind === 'network') {
    return {
      title: 'No answer from the server',
      advice: `Check your connection and that the dashboard server (npm start) is running, then ${retry}.`,
    };
  }
  if (error.kind === 'invalid-response') {
    return {
      title: 'An answer the console cannot read',
      advice:
        'The API answered in a shape this console does not understand; the API may have changed. Check for a newer console.',
    };
  }
  if (status === 400) {
    return { advice: `Fix what the message names, then ${retry}.` };
  }
  if (status === 401) {
    return {
      advice: `The API key was refused. Set a valid NANONETS_API_KEY for the dashboard server, restart it, then ${retry}.`,
    };
  }
  if (status === 403) {
    return {
      advice: `This key may not use ${subject}: it belongs to another workspace, or it is an agent that is switched off (turn it on in the Nanonets dashboard, or choose another).`,
    };
  }
  if (status === 404) {
    return {
      advice: `${capitalize(subject)} does not exist (any more): it may have been deleted, or the link is wrong.`,
    };
  }
  if (status === 409) {
    return {
      advice: `${capitalize(subject)} cannot do this in its current state, and retrying will not help until that changes (a draft or archived agent version cannot be run: choose the published version).`,
    };
  }
  if (status === 413) {
    return { advice: `Too large for the server: remove or shrink some files, then ${retry}.` };
  }
  if (status === 429) {
    return {
      title: 'Too many requests',
      advice: `The API asks for a pause: wait ${retryAfterSeconds(error)} s, then ${retry}.`,
    };
  }
  if (status === 502 || status === 504) {
    return {
      title: 'No answer from the API',
      advice: `The dashboard server could not get an answer from the API. ${capitalize(retry)} in a moment.`,
    };
  }
  if (status >= 500) {
    return {
      advice: `The service had a problem; it usually recovers. ${capitalize(retry)} in a moment.`,
    };
  }
  return {
    advice: `The request was refused as it stands; change something before you ${retry}.`,
  };
}

export function describeError(error: unknown, context: AdviceContext = {}): ErrorDescription {
  const { retry = 'try again', subject = 'it', afterLostAnswer, reassurance } = context;
  if (!(error instanceof ApiError)) {
    return {
      title: undefined,
      message: error instanceof Error ? error.message : String(error),
      advice:
        'This is a problem in the console itself. Reload the page; if it persists, report it.',
    };
  }
  const { title, advice } = adviceFor(error, retry, subject);
  const extra = [isLostAnswer(error) ? afterLostAnswer : undefined, reassurance];
  return {
    title,
    message: error.message,
    advice: [advice, ...extra].filter(Boolean).join(' '),
  };
}
