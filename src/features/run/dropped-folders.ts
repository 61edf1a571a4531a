/** Reads a drop or a choice that may hold folders (file-selector's `fromEvent`) and notes the
 *  top-level folders synchronously, during the drop event, so an empty folder can be told apart.
 *  React-free; `use-file-drop.ts` hands `readDrop` to react-dropzone. */
import { fromEvent } from 'file-selector';
import { displayNameOf } from './file-rules';

/** What operating systems leave in folders and nobody means to send. file-selector leaves them out
 *  of drops; the folder dialog gets the same treatment so both ways in agree. */
const SYSTEM_FILES = new Set(['.DS_Store', 'Thumbs.db']);

export function withoutSystemFiles(files: readonly File[]): File[] {
  return files.filter((file) => !SYSTEM_FILES.has(file.name));
}

/** The names of the folders at the top level of a drop. */
export function droppedFolders(dataTransfer: DataTransfer | null | undefined): string[] {
  return Array.from(dataTransfer?.items ?? []).flatMap((item) => {
    // Missing where a browser has no entry API; items a script made give `null` (no folder).
    if (item.kind !== 'file' || typeof item.webkitGetAsEntry !== 'function') return [];
    const entry = item.webkitGetAsEntry();
    return entry?.isDirectory ? [entry.name] : [];
  });
}

/** The folders no file came out of, judged by the files' paths (`scans/…`). */
export function emptyFolders(folders: readonly string[], files: readonly File[]): string[] {
  const paths = files.map(displayNameOf);
  return folders.filter((folder) => !paths.some((path) => path.startsWith(`${folder}/`)));
}

/** The folder a folder dialog's files came from, when it gave any (`invoices/a.pdf` → `invoices`). */
export function chosenFolder(files: readonly File[]): string | undefined {
  // `?? ''`: jsdom's File has no webkitRelativePath.
  const [top] = (files[0]?.webkitRelativePath ?? '').split('/');
  return top || undefined;
}

/** A failed read of a drop, naming the folders it carried so the refusal can name them too. */
export class DropReadError extends Error {
  readonly folders: readonly string[];

  constructor(folders: readonly string[], options: { cause: unknown }) {
    super('The dropped files could not be read', options);
    this.name = 'DropReadError';
    this.folders = folders;
  }
}

function isDrop(event: unknown): event is DragEvent {
  return (event as Partial<DragEvent> | null)?.type === 'drop';
}

/**
 * `fromEvent`, plus, for a drop, the top-level folders that brought no files. Other events (a
 * drag passing over, the file dialog's change) are read by `fromEvent` alone.
 */
export async function readDrop(
  event: unknown,
): Promise<{ files: (File | DataTransferItem)[]; emptyFolders: string[] }> {
  if (!isDrop(event)) return { files: await fromEvent(event), emptyFolders: [] };
  const folders = droppedFolders(event.dataTransfer); // before the first await: see the header
  let files: (File | DataTransferItem)[];
  try {
    files = await fromEvent(event);
  } catch (cause) {
    throw new DropReadError(folders, { cause });
  }
  const read = files.filter((file): file is File => file instanceof File);
  return { files, emptyFolders: emptyFolders(folders, read) };
}
