/**
 * `useStartRun`: submit a run so that one intent creates exactly one task.
 *
 * - A click that arrives while a submit is in flight (double click, Enter held down) is
 *   dropped synchronously, before React has re-rendered the disabled button.
 * - Mutations never retry by themselves (see `query-client.ts`): a lost answer must not become
 *   a second task.
 * - When an attempt's fate is unknown (no answer, a proxy 502/504, a cancel after the body was
 *   sent), the next attempt first looks for the task it may have created (`run-intent.ts`) and
 *   adopts it instead of starting another.
 * - Multipart uploads report progress and can be cancelled.
 * - Once the request is out (JSON at once, multipart after its last byte), an answer that takes
 *   longer than `RESPONSE_TIMEOUT_MS` ends the attempt as a lost answer, so a hung request
 *   never leaves the form stuck and the retry cannot start a second task.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { ApiError } from '@/api/http';
import { postRunJson, postRunMultipart, type UploadProgress } from '@/api/runs';
import type { RunResponse } from '@/api/schemas';
import { isLostAnswer } from './run-outcome';
import type { RunRequest } from './run-request';

export interface StartRunVariables {
  request: RunRequest;
  agentId: string;
  query: string;
  fileNames: readonly string[];
}

export interface StartRunResult {
  run: RunResponse;
  /** True when the task came from an earlier attempt whose answer was lost. */
  recovered: boolean;
}

/** How long to wait for the API's answer once the whole request has been sent. */
export const RESPONSE_TIMEOUT_MS = 30_000;

export function useStartRun() {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const inFlight = useRef(false);
  const controller = useRef<AbortController | null>(null);
  /** Set while an attempt of the current intent may have created a task we never heard of. */
  const unknownSince = useRef<number | null>(null);

  const mutation = useMutation({
    mutationFn: async (variables: StartRunVariables): Promise<StartRunResult> => {
      const { request, agentId, query, fileNames } = variables;
      if (unknownSince.current !== null) {
        // Rarely needed, so loaded only when an earlier attempt's fate is unknown.
        const { findEarlierTask } = await import('./find-earlier-task');
        const earlier = await findEarlierTask({
          agentId,
          query,
          fileNames,
          since: unknownSince.current,
        });
        if (earlier) return { run: earlier, recovered: true };
      }

      const abort = new AbortController();
      controller.current = abort;
      const startedAt = Date.now();
      let bodySent = false;
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const sent = () => {
        bodySent = true;
        timer = setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, RESPONSE_TIMEOUT_MS);
      };
      try {
        if (request.kind === 'json') sent();
        const run =
          request.kind === 'json'
            ? await postRunJson(request.path, request.body, { signal: abort.signal })
            : await postRunMultipart(request.path, request.form, {
                signal: abort.signal,
                onUploadProgress: setProgress,
                onUploaded: sent,
              });
        return { run, recovered: false };
      } catch (error) {
        const cancelledAfterSend = abort.signal.aborted && bodySent;
        if ((cancelledAfterSend || isLostAnswer(error)) && unknownSince.current === null) {
          unknownSince.current = startedAt;
        }
        if (timedOut) {
          throw new ApiError({
            kind: 'network',
            status: 0,
            message: `No answer from the API within ${RESPONSE_TIMEOUT_MS / 1000} s.`,
            method: 'POST',
            path: request.path,
            cause: error,
          });
        }
        throw error;
      } finally {
        clearTimeout(timer);
        controller.current = null;
      }
    },
    onSuccess: () => {
      unknownSince.current = null;
    },
    onSettled: () => {
      inFlight.current = false;
      setProgress(null);
    },
  });

  return {
    /** Starts the run unless one is already in flight; returns false when the call was dropped. */
    start: (
      variables: StartRunVariables,
      options?: Parameters<typeof mutation.mutate>[1],
    ): boolean => {
      if (inFlight.current) return false;
      inFlight.current = true;
      mutation.mutate(variables, options);
      return true;
    },
    /** Stops an upload in progress. The form keeps everything. */
    cancel: (): void => {
      controller.current?.abort();
    },
    reset: mutation.reset,
    isPending: mutation.isPending,
    error: mutation.error,
    progress,
  };
}
