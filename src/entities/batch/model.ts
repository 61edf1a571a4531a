/** A batch: one task per file, same agent, query, schema and instructions (issue 17). Each file
 *  keeps every task started for it and the state of its current start; types and pure helpers. */

export type FileStart =
  /** Not sent yet, or sent again by `Retry failed`. */
  | { state: 'waiting' }
  /** Request in flight in the tab that holds the batch's lock (`since`: when it went out). */
  | { state: 'starting'; since: number }
  /** Sent, answer lost: the batch's tasks are looked through before it is sent again
   *  (`cancel`: the person cancelled meanwhile; if no task is found, it is not sent again). */
  | { state: 'unsettled'; since: number; cancel?: boolean }
  /** The API shows tasks that may be this file's but not which file each holds: the person
   *  decides (one of `candidates` is its task, or a new one is started). */
  | { state: 'undecided'; since: number; candidates: string[] }
  /** The last entry of `taskIds` is this attempt's task. */
  | { state: 'started' }
  /** The API said no (a 4xx other than 429): its message, kept with the file. */
  | { state: 'refused'; message: string; status?: number }
  /** `Cancel remaining` came before this file was sent: no task, none will be started. */
  | { state: 'cancelled' };

export type FileStartState = FileStart['state'];

export interface BatchFile {
  /** Stable within the batch ("0", "1", …). */
  key: string;
  name: string;
  size: number;
  type: string;
  /** Every task started for this file, oldest first; the last is current. */
  taskIds: string[];
  /** The state of the current attempt. */
  start: FileStart;
}

export interface Batch {
  /** `crypto.randomUUID()` */
  id: string;
  /** The person's name for it; the default heading is the agent's name and the start time. */
  name?: string;
  agentId: string;
  agentName?: string;
  agentVersion?: string | number;
  /** Epoch ms. */
  createdAt: number;
  /** As the New run form sent them (trimmed; empty when not given). */
  query: string;
  outputSchema?: string;
  instructions?: string;
  /** The form's plain-language schema flag, remembered with each task's inputs. */
  plainLanguage?: boolean;
  files: BatchFile[];
}

export function currentTaskId(file: BatchFile): string | undefined {
  return file.taskIds.at(-1);
}

/** Whether the scheduler still has work on this file (send it, or look for its task). */
export function isStartLeft(file: BatchFile): boolean {
  const { state } = file.start;
  return state === 'waiting' || state === 'starting' || state === 'unsettled';
}

/** Files still waiting, starting or unsettled. */
export function startsLeft(batch: Batch): number {
  return batch.files.filter(isStartLeft).length;
}

/** Files whose task exists (started at least once and not waiting on a new start). */
export function startedCount(batch: Batch): number {
  return batch.files.filter((file) => file.start.state === 'started').length;
}

/** Files waiting for the person to say which task is theirs. */
export function undecidedFiles(batch: Batch): BatchFile[] {
  return batch.files.filter((file) => file.start.state === 'undecided');
}

/** Every task id the batch has claimed, any file, any attempt. */
export function claimedTaskIds(batch: Batch): Set<string> {
  return new Set(batch.files.flatMap((file) => file.taskIds));
}

/** The batch's heading when the person has not named it: agent and start time. */
export function defaultBatchName(batch: Batch, locale?: string): string {
  const when = new Date(batch.createdAt).toLocaleString(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return `${batch.agentName ?? 'Agent'} · ${when}`;
}

/** Newest first. */
export function byNewest(a: Batch, b: Batch): number {
  return b.createdAt - a.createdAt;
}
