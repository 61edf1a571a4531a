/** After lost answers, which new tasks belong to which of the batch's files (decision 0016): tied
 *  only by what the API shows of a task's files (title, first message, trace), never guessed. */
import type { TaskListItem } from '@/api/schemas';
import { CLOCK_SKEW_MS, titleMatches } from '@/entities/task/run-intent';
import type { Batch, BatchFile } from './model';

export type Verdict =
  /** This task is the file's. */
  | { kind: 'found'; taskId: string }
  /** No task of this attempt exists: send it again. */
  | { kind: 'none' }
  /** Tasks exist that may be this file's, and nothing says which: the person decides. */
  | { kind: 'undecided'; candidates: string[] };

export interface Candidate {
  task: TaskListItem;
  /** The text of the task's first message (content as JSON when not a string), if it was read. */
  firstMessage?: string | undefined;
  /** What its trace shows (its feed as JSON: tool calls such as a file read), if it was read. */
  feed?: string | undefined;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `text` names `name` as a whole (not "a.csv" inside "data.csv"). */
export function mentionsName(text: string, name: string): boolean {
  const wanted = normalize(name);
  if (wanted === '') return false;
  return new RegExp(
    `(^|[^\\p{L}\\p{N}._-])${escapeRegExp(wanted)}($|[^\\p{L}\\p{N}._-]|\\.(?![\\p{L}\\p{N}]))`,
    'u',
  ).test(normalize(text));
}

/** The names `title` could have been derived from as a files-only run of one file. */
function titleNamesFile(title: string, name: string): boolean {
  const derived = normalize(title);
  const wanted = normalize(name);
  if (derived === wanted) return true;
  const cut = derived.replace(/(…|\.\.\.)$/, '').trim();
  return cut !== derived && cut.length >= 12 && wanted.startsWith(cut);
}

/** The batch's files `text` names, the longest names only ("invoice-2.csv" does not also name a
 *  shorter name it contains); undefined when it names none. */
function filesNamedIn(text: string | undefined, files: readonly BatchFile[]): string[] | undefined {
  if (text === undefined) return undefined;
  const named = files.filter((file) => mentionsName(text, file.name));
  if (named.length === 0) return undefined;
  const longest = Math.max(...named.map((file) => file.name.length));
  return [...new Set(named.filter((file) => file.name.length === longest).map((f) => f.name))];
}

/** Which batch file names the task: by title when the run had no query, else by its first
 *  message, else by its trace. `undefined` when nothing names a file; the names otherwise. */
function namedFiles(
  candidate: Candidate,
  files: readonly BatchFile[],
  query: string,
): string[] | undefined {
  const { title } = candidate.task;
  if (query.trim() === '' && title) {
    const byTitle = files.filter((file) => titleNamesFile(title, file.name)).map((f) => f.name);
    if (byTitle.length > 0) return byTitle;
  }
  return filesNamedIn(candidate.firstMessage, files) ?? filesNamedIn(candidate.feed, files);
}

/** Whether the task could be one of this batch's at all: same agent, made after the earliest
 *  attempt, not claimed, a title (when it has one) and first message (when read) from our run. */
function couldBeOurs(
  candidate: Candidate,
  batch: Batch,
  since: number,
  claimed: ReadonlySet<string>,
): boolean {
  const { task } = candidate;
  if (claimed.has(task.task_id)) return false;
  if (task.agent_id !== undefined && task.agent_id !== batch.agentId) return false;
  if (task.created_at === undefined || !(Date.parse(task.created_at) >= since - CLOCK_SKEW_MS)) {
    return false;
  }
  const intent = {
    agentId: batch.agentId,
    query: batch.query,
    fileNames: batch.files.map((f) => f.name),
    since,
  };
  if (task.title && !titleMatches(task.title, intent)) return false;
  const text = candidate.firstMessage;
  if (text !== undefined && text.trim() !== '') {
    const query = normalize(batch.query);
    const fromQuery = query !== '' && normalize(text).includes(query);
    const namesOurs = batch.files.some((file) => mentionsName(text, file.name));
    if (!fromQuery && !namesOurs) return false;
  }
  return true;
}

/**
 * The verdict for each unsettled file (by key). `claimed`: every task id any batch of this
 * browser holds (they are known, so never another file's); `tasks`: the agent's tasks created
 * since the earliest attempt, with their first messages where read.
 */
export function matchTasksToFiles(
  batch: Batch,
  unsettled: readonly BatchFile[],
  candidates: readonly Candidate[],
  claimed: ReadonlySet<string>,
): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  if (unsettled.length === 0) return verdicts;
  const since = Math.min(
    ...unsettled.map((file) => ('since' in file.start ? file.start.since : Date.now())),
  );
  const ours = candidates.filter((candidate) => couldBeOurs(candidate, batch, since, claimed));
  let openFiles = [...unsettled];
  const unnamed: Candidate[] = [];
  for (const candidate of ours) {
    const names = namedFiles(candidate, batch.files, batch.query);
    if (names === undefined) {
      unnamed.push(candidate);
      continue;
    }
    const matching = openFiles.filter((file) => names.includes(file.name));
    // It names a file that is not waiting for a task (or one already matched): not ours to take.
    if (matching.length === 0) continue;
    if (matching.length === 1 && matching[0]) {
      verdicts.set(matching[0].key, { kind: 'found', taskId: candidate.task.task_id });
      openFiles = openFiles.filter((file) => file !== matching[0]);
    } else {
      // Files of the same name: the task is one of theirs, which one nothing says.
      unnamed.push(candidate);
    }
  }
  if (unnamed.length === 0) {
    for (const file of openFiles) verdicts.set(file.key, { kind: 'none' });
  } else if (openFiles.length === 1 && unnamed.length === 1 && openFiles[0] && unnamed[0]) {
    // The single run's rule: one attempt, one new task of this agent from our query.
    verdicts.set(openFiles[0].key, { kind: 'found', taskId: unnamed[0].task.task_id });
  } else {
    const ids = unnamed.map((candidate) => candidate.task.task_id);
    for (const file of openFiles) verdicts.set(file.key, { kind: 'undecided', candidates: ids });
  }
  return verdicts;
}

/** The text of a message's content: itself when a string, else its JSON. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === undefined || content === null) return undefined;
  try {
    return JSON.stringify(content);
  } catch {
    return undefined;
  }
}
