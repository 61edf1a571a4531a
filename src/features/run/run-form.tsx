/** The New run form: query, files, output schema, instructions, and a Run that never loses work
 *  (only a started run clears the draft); from two files, `One task per file` makes it a batch. */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentProps,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { Link } from 'wouter';
import { buildRunRequest } from '@/api/runs';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { rateLimitWait } from '@/lib/error-advice';
import type { TaskInputs } from '@/lib/task-inputs';
import { useCountdown } from '@/lib/use-countdown';
import { CopyCurlButton } from './copy-curl-button';
import { curlForRun } from './curl';
import { FilePicker } from './file-picker';
import { DEFAULT_FILE_LIMITS, type FileLimits } from './file-rules';
import { OutputSchemaField } from './output-schema-field';
import { blocksRun, useOutputSchemaCheck } from './output-schema-check';
import { useRunDraft, type RunDraft } from './run-draft';
import { RunErrorAlert } from './run-error-alert';
import { validateRunInput, type RunDraftInput } from './run-request';
import { UploadProgress } from './upload-progress';
import { useFileSelection } from './use-file-selection';
import { useStartBatch } from './use-start-batch';
import { useStartRun, type StartRunResult } from './use-start-run';

/** What the form tells the agent field it renders: whether to mark it invalid, and the id of
 *  the message that says why (so a screen reader announces it on the field itself). */
export interface AgentFieldState {
  invalid: boolean;
  describedBy: string | undefined;
}

export interface RunFormProps {
  agentId: string | null;
  /** The agent picker and the chosen agent's details (composed by the page: features never
   *  import each other). */
  agentField: (state: AgentFieldState) => ReactNode;
  /** Why the chosen agent cannot be run (e.g. inactive), or null. */
  agentProblem?: string | null | undefined;
  /** Base URL for "Copy as curl". */
  apiBaseUrl: string;
  /** Upload limits announced by the dashboard server; the simulator's defaults otherwise. */
  fileLimits?: FileLimits | undefined;
  onStarted: (result: StartRunResult, agentId: string) => void;
  /** The chosen agent's name and version, kept with a batch for its heading. */
  agentLabel?: { name?: string | undefined; version?: string | number | undefined } | undefined;
  /** A batch (`One task per file`) has its first task, or is starting on its own: its page.
   *  Without it the form offers no batches. */
  onBatchStarted?: ((batchId: string) => void) | undefined;
  /** What to fill the form with once (`Run again` of an earlier task), keyed so it applies
   *  once per task; `onPrefilled` is called after, so the page can drop its `?rerun=`. */
  prefill?: { key: string; inputs: TaskInputs } | undefined;
  onPrefilled?: (() => void) | undefined;
}

/** The most files one batch takes (each its own task). */
const BATCH_MAX_FILES = 1000;

const FIELD =
  'w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-text shadow-xs placeholder:text-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent disabled:opacity-60';

/** A labelled multi-line text field with an optional hint under it. */
function TextArea({
  id,
  label,
  hint,
  ...props
}: ComponentProps<'textarea'> & { id: string; label: string; hint?: string }) {
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <textarea id={id} className={FIELD} {...props} />
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
    </div>
  );
}

/** Why a field blocks the run, right under it; `role="alert"` so it is heard at once, and the
 *  field's `aria-describedby` points here so it is heard again on the field itself. */
function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} role="alert" className="text-sm font-medium text-danger">
      {children}
    </p>
  );
}

/** A run started before the form was left, that settled while it was away: its draft is
 *  cleared, so the form says where the task went instead of looking like it lost the text. */
function StartedElsewhere({ result }: { result: StartRunResult }) {
  const href = `/tasks/${encodeURIComponent(result.run.task_id)}`;
  return (
    <Alert tone="info" title="Your run started">
      The run you started before leaving this page created its task, so the form is empty again.{' '}
      <Link href={href} className="font-medium text-accent underline underline-offset-2">
        Open the task
      </Link>
    </Alert>
  );
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export function RunForm({
  agentId,
  agentField,
  agentProblem,
  apiBaseUrl,
  fileLimits,
  onStarted,
  agentLabel,
  onBatchStarted,
  prefill,
  onPrefilled,
}: RunFormProps) {
  const ids = {
    query: useId(),
    instructions: useId(),
    inputError: useId(),
    runHint: useId(),
    perFileHint: useId(),
  };
  const [draft, patchDraft, clearDraft] = useRunDraft();
  // `Run again`: fill the form once per task (adjusting state while rendering, so the first
  // paint already shows it), then tell the page, which drops its `?rerun=`.
  const [prefilled, setPrefilled] = useState<{ key: string; fileNames: string[] } | null>(null);
  if (prefill && prefill.key !== prefilled?.key) {
    const { inputs } = prefill;
    setPrefilled({ key: prefill.key, fileNames: inputs.fileNames });
    patchDraft({
      query: inputs.query,
      outputSchema: inputs.outputSchema,
      instructions: inputs.instructions,
      plainLanguage: inputs.plainLanguage,
    });
  }
  const prefilledKey = prefilled?.key;
  const onPrefilledRef = useRef(onPrefilled);
  useEffect(() => {
    onPrefilledRef.current = onPrefilled;
  });
  // Once per prefill: `<StrictMode>` runs effects twice, and the page's URL change is no
  // business of a second run.
  const reportedKey = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (prefilledKey === undefined || reportedKey.current === prefilledKey) return;
    reportedKey.current = prefilledKey;
    onPrefilledRef.current?.();
  }, [prefilledKey]);
  const rerunFiles = prefilled?.fileNames ?? [];
  const [perFile, setPerFile] = useState(false);
  // A batch sends one file per task: the per-run count limit does not apply to it.
  const runLimits = fileLimits ?? DEFAULT_FILE_LIMITS;
  const batchLimits = { ...runLimits, maxFiles: BATCH_MAX_FILES };
  const files = useFileSelection(perFile && onBatchStarted ? batchLimits : runLimits);
  const schemaCheck = useOutputSchemaCheck(draft.outputSchema, draft.plainLanguage);
  const single = useStartRun();
  const batch = useStartBatch();
  const offersBatch = onBatchStarted !== undefined && files.files.length >= 2;
  const asBatch = perFile && offersBatch;
  // One view of "a run is in progress" for the whole form, single or batch.
  const run = {
    isPending: single.isPending || batch.isPending,
    error: asBatch ? batch.error : single.error,
    progress: single.progress,
  };
  const [inputError, setInputError] = useState<{ field: string; message: string } | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const waitSeconds = useCountdown(retryAt);
  const queryRef = useRef<HTMLTextAreaElement>(null);
  // What `Clear form` took away, for its Undo; offered only while the form is still empty.
  const [cleared, setCleared] = useState<{ draft: RunDraft; files: File[] } | null>(null);
  const empty =
    files.files.length === 0 && !draft.query && !draft.outputSchema && !draft.instructions;

  function clearForm() {
    if (empty) return;
    setCleared({ draft, files: files.files.map((entry) => entry.file) });
    clearDraft();
    files.clear();
    setInputError(null);
    setPrefilled((previous) => previous && { key: previous.key, fileNames: [] });
  }

  const input = (): RunDraftInput => ({
    agentId: agentId ?? '',
    query: draft.query,
    files: files.files.map((entry) => entry.file),
    outputSchema: draft.outputSchema,
    instructions: draft.instructions,
  });

  const schemaBlocks = blocksRun(schemaCheck);
  const overRunLimit = !asBatch && files.files.length > runLimits.maxFiles;
  const blockedReason = schemaBlocks
    ? 'Fix the output schema (or mark it as plain language) to run.'
    : agentProblem
      ? agentProblem
      : waitSeconds > 0
        ? `Rate limited: wait ${waitSeconds} s.`
        : overRunLimit
          ? `One task takes at most ${runLimits.maxFiles} files: switch on One task per file, or remove ${files.files.length - runLimits.maxFiles}.`
          : null;

  const formRef = useRef<HTMLFormElement>(null);

  function send({ skipLookup = false } = {}) {
    if (run.isPending || blockedReason) return;
    const values = input();
    const invalid = validateRunInput(values);
    setInputError(invalid);
    if (invalid) {
      if (invalid.field === 'query') queryRef.current?.focus();
      else formRef.current?.querySelector<HTMLElement>('[role="combobox"]')?.focus();
      return;
    }
    if (asBatch) {
      batch.start(
        {
          agentId: values.agentId,
          agentName: agentLabel?.name,
          agentVersion: agentLabel?.version,
          query: values.query,
          outputSchema: values.outputSchema,
          instructions: values.instructions,
          plainLanguage: draft.plainLanguage,
          files: values.files,
        },
        {
          onSuccess: (outcome) => {
            clearDraft();
            onBatchStarted?.(outcome.batchId);
          },
          onError: (error) => {
            const wait = rateLimitWait(error);
            setRetryAt(wait ? Date.now() + wait * 1000 : null);
          },
        },
      );
      return;
    }
    single.start(
      {
        request: buildRunRequest(values),
        agentId: values.agentId,
        query: values.query,
        fileNames: values.files.map((file) => file.name),
        // What the task was run with, for `Run again`, the list and the schema check.
        inputs: {
          agentId: values.agentId,
          query: values.query,
          outputSchema: values.outputSchema,
          instructions: values.instructions,
          plainLanguage: draft.plainLanguage,
          fileNames: values.files.map((file) => file.name),
        },
        skipLookup,
      },
      {
        // The run itself clears the draft and remembers its inputs, mounted or not
        // (`useStartRun`); this form then takes the person to the task.
        onSuccess: (result) => onStarted(result, values.agentId),
        onError: (error) => {
          const wait = rateLimitWait(error);
          setRetryAt(wait ? Date.now() + wait * 1000 : null);
        },
      },
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    send();
  }

  function submitOnModEnter(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const error = run.error;
  const uploading = run.isPending && run.progress !== null;

  return (
    // From 1280 px two columns: the agent beside what it is given. `Run` sticks to the bottom of
    // the screen at every width, so it is never below the fold.
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      className="space-y-6 xl:grid xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] xl:items-start xl:gap-8 xl:space-y-0"
      aria-label="New run"
    >
      <div className="space-y-3">
        {agentField({
          invalid: inputError?.field === 'agent',
          describedBy: inputError?.field === 'agent' ? ids.inputError : undefined,
        })}
        {inputError?.field === 'agent' ? (
          <FieldError id={ids.inputError}>{inputError.message}</FieldError>
        ) : null}
      </div>

      <div className="space-y-6">
        <TextArea
          id={ids.query}
          label="Query"
          ref={queryRef}
          rows={4}
          value={draft.query}
          onChange={(event) => patchDraft({ query: event.target.value })}
          onKeyDown={submitOnModEnter}
          placeholder="What should the agent do? e.g. Extract the line items from these invoices."
          aria-invalid={inputError?.field === 'query' || undefined}
          aria-describedby={inputError?.field === 'query' ? ids.inputError : undefined}
          disabled={run.isPending}
          hint="Optional when you attach files. Ctrl+Enter (⌘+Enter) runs."
        />
        {inputError?.field === 'query' ? (
          <FieldError id={ids.inputError}>{inputError.message}</FieldError>
        ) : null}

        {rerunFiles.length > 0 ? (
          <Alert tone="info" title="Add the files again">
            The earlier run had {rerunFiles.length === 1 ? 'this file' : 'these files'}:{' '}
            {rerunFiles.join(', ')}. Browsers cannot hand a page a file it did not just receive, so
            drop or choose {rerunFiles.length === 1 ? 'it' : 'them'} again.
          </Alert>
        ) : null}
        <FilePicker selection={files} disabled={run.isPending} />
        {offersBatch ? (
          <div className="space-y-1">
            <label className="inline-flex items-center gap-2 text-sm font-medium">
              <input
                type="checkbox"
                role="switch"
                checked={perFile}
                disabled={run.isPending}
                aria-describedby={ids.perFileHint}
                onChange={(event) => {
                  const on = event.target.checked;
                  setPerFile(on);
                  if (!on) return;
                  // Files refused only for their number come back: each is its own task now.
                  const byCount = files.rejected.filter((r) => r.reason === 'too-many-files');
                  for (const refused of byCount) files.dismissRejected(refused.id);
                  files.add(
                    byCount.flatMap((refused) => (refused.file ? [refused.file] : [])),
                    batchLimits,
                  );
                }}
              />
              One task per file
            </label>
            <p id={ids.perFileHint} className="text-xs text-muted">
              {perFile
                ? `Run starts ${files.files.length} tasks, one per file, each with the same query, schema and instructions, and opens the batch.`
                : `Off: all ${files.files.length} files go to one task.`}
            </p>
          </div>
        ) : null}

        <OutputSchemaField
          value={draft.outputSchema}
          onChange={(outputSchema) => patchDraft({ outputSchema })}
          plainLanguage={draft.plainLanguage}
          onPlainLanguageChange={(plainLanguage) => patchDraft({ plainLanguage })}
          check={schemaCheck}
          disabled={run.isPending}
        />

        <TextArea
          id={ids.instructions}
          label="Instructions"
          rows={3}
          value={draft.instructions}
          onChange={(event) => patchDraft({ instructions: event.target.value })}
          onKeyDown={submitOnModEnter}
          placeholder="Optional: how to format the output, e.g. dates as YYYY-MM-DD, skip header rows."
          disabled={run.isPending}
        />

        {error && !isAbort(error) ? (
          <RunErrorAlert
            error={error}
            waitSeconds={waitSeconds}
            onCheckAgain={() => send()}
            onStartAnyway={() => send({ skipLookup: true })}
            tasksHref={agentId ? `/tasks?agent=${encodeURIComponent(agentId)}` : '/tasks'}
          />
        ) : null}
        {error && isAbort(error) ? (
          <Alert tone="info" title="Upload cancelled">
            Nothing was lost: your files and text are still here. Press Run to send them again.
          </Alert>
        ) : null}

        {uploading ? <UploadProgress progress={run.progress} onCancel={single.cancel} /> : null}
        {single.startedElsewhere ? <StartedElsewhere result={single.startedElsewhere} /> : null}

        <div className="sticky bottom-0 z-10 flex flex-wrap items-start gap-3 border-t border-border bg-surface-muted py-3">
          {/* aria-disabled, not disabled: a blocked Run stays focusable, so keyboard and screen
            reader users reach it and hear why it is blocked (its description). `send` ignores
            presses while it is blocked. */}
          <Button
            type="submit"
            variant="primary"
            blocked={run.isPending || blockedReason !== null}
            aria-describedby={blockedReason ? ids.runHint : undefined}
          >
            Run
          </Button>
          {run.isPending ? (
            <span role="status" className="self-center text-sm text-muted">
              {asBatch ? 'Starting the batch…' : uploading ? 'Uploading…' : 'Starting the task…'}
            </span>
          ) : null}
          {/* Not disabled when empty: a pressed button that disables itself drops keyboard focus. */}
          <Button type="button" onClick={clearForm} disabled={run.isPending}>
            Clear form
          </Button>
          {cleared && empty ? (
            <p role="status" className="self-center text-sm text-muted">
              Form cleared.{' '}
              <button
                type="button"
                className="font-medium text-accent underline underline-offset-2"
                onClick={() => {
                  patchDraft(cleared.draft);
                  files.add(cleared.files);
                  setCleared(null);
                }}
              >
                Undo
              </button>
            </p>
          ) : null}
          <CopyCurlButton
            command={() => curlForRun(input(), apiBaseUrl)}
            note={agentId ? undefined : 'No agent is chosen yet: set AGENT_ID before running it.'}
          />
          {blockedReason ? (
            <p id={ids.runHint} className="basis-full text-sm text-muted">
              {blockedReason}
            </p>
          ) : null}
        </div>
      </div>
    </form>
  );
}
