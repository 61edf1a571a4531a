/** `useStartRun`: submits a run so that one intent creates exactly one task, written ahead to
 *  `unsettled-runs.ts` and looked for before a retry; uploads report progress (decision 0007). */
import {
  useIsMutating,
  useMutation,
  useMutationState,
  useQueryClient,
  type Mutation,
} from '@tanstack/react-query';
import { useState } from 'react';
import { sendRun, type RunRequest, type UploadProgress } from '@/api/runs';
import type { RunResponse } from '@/api/schemas';
import { seedStartedTask } from '@/entities/task/cache';
import { isLostAnswer } from '@/lib/error-advice';
import { rememberTaskInputs, type TaskInputs } from '@/lib/task-inputs';
import { findEarlierTask } from './find-earlier-task';
import { clearRunDraft } from './run-draft';
import { findUnsettledRun, markRunUnsettled, settleRun } from './unsettled-runs';

export interface StartRunVariables {
  request: RunRequest;
  agentId: string;
  query: string;
  fileNames: readonly string[];
  /** What the form held, remembered with the task once it exists (`Run again`, the schema check). */
  inputs: Omit<TaskInputs, 'startedAt'>;
  /** Start a new task even though an earlier attempt's fate is unknown (the person chose to). */
  skipLookup?: boolean;
  /** Stops the upload or the lookup (`Cancel`), from whichever form shows the run. */
  abort?: AbortController;
  /** Set once the form that started the run took the person to its task. */
  handover?: { done: boolean };
}

export interface StartRunResult {
  run: RunResponse;
  /** True when the task came from an earlier attempt whose answer was lost. */
  recovered: boolean;
}

export const START_RUN_KEY = ['runs', 'start'] as const;

async function startRun(
  variables: StartRunVariables,
  onUploadProgress: (progress: UploadProgress) => void,
): Promise<StartRunResult> {
  const { request, agentId, query, fileNames } = variables;
  const intent = { agentId, query, fileNames };
  const abort = variables.abort ?? new AbortController();

  const unsettled = findUnsettledRun(intent);
  if (unsettled && !variables.skipLookup) {
    const earlier = await findEarlierTask({ ...intent, since: unsettled.since }, abort.signal);
    if (earlier) {
      settleRun(intent);
      return { run: earlier, recovered: true };
    }
  }
  // The earlier attempt (if any) created nothing we can see, or the person chose to start anew:
  // from here on, only this attempt's fate matters.
  settleRun(intent);

  const startedAt = Date.now();
  markRunUnsettled({ ...intent, since: startedAt });
  const sent = { bodySent: false };
  try {
    const run = await sendRun(request, { abort, onUploadProgress, sent });
    settleRun(intent);
    return { run, recovered: false };
  } catch (error) {
    const fateUnknown = (abort.signal.aborted && sent.bodySent) || isLostAnswer(error);
    // A definite answer (the API said no, or the upload was stopped before its last byte):
    // no task exists, so the next Run needs no lookup.
    if (!fateUnknown) settleRun(intent);
    throw error;
  }
}

function pendingRuns(mutations: readonly Mutation[]): StartRunVariables[] {
  return mutations
    .filter((mutation) => mutation.state.status === 'pending')
    .map((mutation) => mutation.state.variables as StartRunVariables);
}

export function useStartRun() {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [mountedAt] = useState(Date.now);
  const mutation = useMutation({
    mutationKey: START_RUN_KEY,
    mutationFn: (variables: StartRunVariables) => startRun(variables, setProgress),
    // Offline, a paused mutation would sit there silently; a run fails at once and says why.
    networkMode: 'always',
    // What follows from a task being started happens whether or not the form is still there
    // (the person may have gone to Tasks mid-upload): the task is known, its inputs remembered,
    // and the draft that asked for it is cleared, so the next Run is a new intent.
    onSuccess: ({ run }, variables) => {
      seedStartedTask(queryClient, run, variables.agentId);
      const { request } = variables;
      const sent = request.kind === 'multipart' ? request.form.getAll('files') : [];
      rememberTaskInputs(run.task_id, {
        ...variables.inputs,
        // Each file as it went out, for the task page's Run inputs.
        files: sent.flatMap((file) =>
          file instanceof File ? [{ name: file.name, size: file.size, type: file.type }] : [],
        ),
        startedAt: Date.now(),
      });
      clearRunDraft();
    },
    onSettled: () => setProgress(null),
  });
  // A form remounted while its run is in flight shows it as in flight too.
  const runsInFlight = useIsMutating({ mutationKey: START_RUN_KEY });
  // A run started before this form was opened again, whose task nobody was taken to yet.
  const startedElsewhere = useMutationState({
    filters: { mutationKey: START_RUN_KEY, status: 'success' },
    select: (mutation) => {
      const variables = mutation.state.variables as StartRunVariables | undefined;
      return mutation.state.submittedAt < mountedAt && variables?.handover?.done === false
        ? (mutation.state.data as StartRunResult | undefined)
        : undefined;
    },
  }).at(-1);

  return {
    /** Starts the run unless one is already in flight; returns false when the call was dropped. */
    start: (
      variables: StartRunVariables,
      options?: Parameters<typeof mutation.mutate>[1],
    ): boolean => {
      // `mutate` marks the mutation pending synchronously, so a second call in the same tick
      // (a double click) already sees it.
      if (queryClient.isMutating({ mutationKey: START_RUN_KEY }) > 0) return false;
      const handover = { done: false };
      mutation.mutate(
        { ...variables, abort: new AbortController(), handover },
        {
          ...options,
          // Runs only while this form is mounted: it takes the person to the task.
          onSuccess: (...args) => {
            handover.done = true;
            options?.onSuccess?.(...args);
          },
        },
      );
      return true;
    },
    /** Stops the run in progress (an upload, a lookup), whichever form started it. The form
     *  keeps everything. */
    cancel: (): void => {
      const mutations = queryClient.getMutationCache().findAll({ mutationKey: START_RUN_KEY });
      for (const variables of pendingRuns(mutations)) variables.abort?.abort();
    },
    /** The task a run started while this form was away (it was opened again meanwhile). */
    startedElsewhere,
    reset: mutation.reset,
    isPending: mutation.isPending || runsInFlight > 0,
    error: mutation.error,
    progress,
  };
}
