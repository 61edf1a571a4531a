/** The drop zone's plumbing: react-dropzone for drop, click and Enter/Space (file-selector walks
 *  folders), our own page-wide paste listener, and a guard against drops beside the zone. It
 *  judges nothing: every file goes to `add` and `classifyFiles` (decision 0005). */
import { useCallback, useEffect } from 'react';
import { useDropzone, type DropEvent, type FileRejection } from 'react-dropzone';
import { DropReadError, readDrop } from './dropped-folders';
import { emptyFolderNotice, unreadableNotice } from './file-rules';
import type { FileSelection } from './use-file-selection';

export interface FileDropOptions {
  add: FileSelection['add'];
  refuse: FileSelection['refuse'];
  disabled: boolean;
}

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/** A text field keeps a paste that carries text; only pastes elsewhere (or of files alone) add files. */
function isTextPaste(event: ClipboardEvent): boolean {
  const target = event.target;
  const editable =
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLElement && target.isContentEditable);
  return editable && Array.from(event.clipboardData?.types ?? []).includes('text/plain');
}

export function useFileDrop({ add, refuse, disabled }: FileDropOptions) {
  const getFilesFromEvent = useCallback(
    async (event: DropEvent | FileSystemFileHandle[]) => {
      const { files, emptyFolders } = await readDrop(event);
      refuse(emptyFolders.map(emptyFolderNotice));
      return files;
    },
    [refuse],
  );

  // Nothing is refused by react-dropzone, so `rejections` stays empty; passing its files on anyway
  // means a file could never vanish without a row should that change.
  const onDrop = useCallback(
    (accepted: File[], rejections: FileRejection[]) =>
      add([...accepted, ...rejections.map((rejection) => rejection.file)]),
    [add],
  );

  const onError = useCallback(
    (error: Error) => {
      const folders = error instanceof DropReadError ? error.folders : [];
      const name = folders.length > 0 ? folders.join(', ') : 'Dropped files';
      refuse([unreadableNotice(name, error instanceof DropReadError ? error.cause : error)]);
    },
    [refuse],
  );

  const { getRootProps, getInputProps, isDragActive, rootRef } = useDropzone({
    disabled,
    getFilesFromEvent,
    onDrop,
    onError,
    // The hidden input rather than `showOpenFilePicker`: its dialog filters by our `accept`, and
    // end-to-end tests set files on it.
    useFsAccessApi: false,
    // Pastes are ours (below): anywhere on the page, not only while the zone has focus.
    noPaste: true,
    // react-dropzone's own guard cancels every drop outside the zone, text dropped into the Query
    // box included; ours (below) cancels only drags that carry files.
    preventDropOnDocument: false,
  });

  useEffect(() => {
    const guard = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      // Beside the zone, or on it while disabled: show that nothing will be taken.
      const onZone = !disabled && rootRef.current?.contains(event.target as Node);
      if (!onZone && event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, [disabled, rootRef]);

  useEffect(() => {
    if (disabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const pasted = Array.from(event.clipboardData?.files ?? []);
      if (pasted.length === 0 || event.defaultPrevented || isTextPaste(event)) return;
      event.preventDefault();
      add(pasted);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, [add, disabled]);

  return { getRootProps, getInputProps, isDragActive, rootRef };
}
