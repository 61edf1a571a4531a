/**
 * What a failed run means for the person at the form: the server's words, what to do next,
 * and which input to look at.
 *
 * The docs say to branch on the status, never on the text; the text is shown as the server
 * wrote it. The one thing read from the text is a quoted file name (`File "scan.pdf" is …`),
 * so the form can point at that file's row — a hint, never a decision.
 */
import { ApiError } from '@/api/http';
import { rateLimitWait } from './run-outcome';
import { describeError } from '@/lib/error-advice';

export type RunErrorFocus = 'agent' | 'query' | 'files' | 'output' | null;

export interface RunErrorAdvice {
  title: string;
  message: string;
  advice: string;
  /** The input the person should look at, when the error points at one. */
  focus: RunErrorFocus;
  /** A file named by the server's message, when there is one. */
  fileName: string | null;
  /** Seconds before `Run` makes sense again (429). */
  waitSeconds: number | null;
  /** The request may have reached the API even though no answer came back: the next Run must
   *  first look for a task this attempt created. */
  ambiguous: boolean;
}

const QUOTED_FILE = /\bfile\s+["“']([^"”']+)["”']/i;

function focusFor400(message: string, fileName: string | null): RunErrorFocus {
  if (fileName || /\bfiles?\b/i.test(message)) return 'files';
  if (/output_config|output_schema|instructions/i.test(message)) return 'output';
  if (/\bquery\b/i.test(message)) return 'query';
  if (/agent_id|agent/i.test(message)) return 'agent';
  return null;
}

export function runErrorAdvice(error: unknown): RunErrorAdvice {
  const base = describeError(error);
  const result: RunErrorAdvice = {
    title: 'The run was not started',
    message: base.message,
    advice: base.advice,
    focus: null,
    fileName: null,
    waitSeconds: null,
    ambiguous: false,
  };
  if (!(error instanceof ApiError)) return result;

  const fileName = QUOTED_FILE.exec(error.message)?.[1] ?? null;
  const nothingLost = 'Everything you entered is still here.';
  switch (true) {
    case error.kind === 'network':
      return {
        ...result,
        title: 'No answer from the server',
        advice: `Check your connection and that the dashboard server (npm start) is running, then press Run again: the console first checks whether this run was already created, so it will not start twice. ${nothingLost}`,
        ambiguous: true,
      };
    case error.status === 400:
      return {
        ...result,
        advice: `Fix the input${fileName ? ` (the file ${fileName})` : ''} and press Run again. ${nothingLost}`,
        focus: focusFor400(error.message, fileName),
        fileName,
      };
    case error.status === 401:
      return {
        ...result,
        advice: `The API key was refused. Set a valid NANONETS_API_KEY for the dashboard server, restart npm start, then press Run. ${nothingLost}`,
      };
    case error.status === 403:
      return {
        ...result,
        advice: `This agent cannot be run with this key: it is inactive (switch it on in the Nanonets dashboard) or belongs to another workspace. Choose another agent or fix it, then press Run. ${nothingLost}`,
        focus: 'agent',
      };
    case error.status === 404:
      return {
        ...result,
        advice: `The agent no longer exists (deleted, or the link was wrong). Choose another agent and press Run. ${nothingLost}`,
        focus: 'agent',
      };
    case error.status === 409:
      return {
        ...result,
        advice: `This version of the agent cannot be run now (a draft or an archived version). Choose the published version and press Run. ${nothingLost}`,
        focus: 'agent',
      };
    case error.status === 413:
      return {
        ...result,
        advice: `The upload is too large for the server. Remove or shrink some files, then press Run. ${nothingLost}`,
        focus: 'files',
      };
    case error.status === 429: {
      const wait = rateLimitWait(error) ?? 5;
      return {
        ...result,
        title: 'Too many requests',
        advice: `Wait ${wait} s, then press Run again. ${nothingLost}`,
        waitSeconds: wait,
      };
    }
    case error.status === 502 || error.status === 504:
      return {
        ...result,
        advice: `The dashboard server got no answer from the API. Press Run again in a moment: the console first checks whether this run was already created. ${nothingLost}`,
        ambiguous: true,
      };
    case error.status >= 500:
      return {
        ...result,
        advice: `The service had a problem; it usually recovers. Press Run again in a moment. ${nothingLost}`,
      };
    default:
      return { ...result, advice: `${base.advice} ${nothingLost}` };
  }
}
