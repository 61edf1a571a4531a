/** The files chosen for a run and those refused with their reasons, kept in the form so they
 *  survive the picker; refusals accumulate until dismissed. */
import { useCallback, useMemo, useState } from 'react';
import {
  classifyFiles,
  DEFAULT_FILE_LIMITS,
  nextEntryId,
  withIds,
  type AcceptedFile,
  type FileLimits,
  type Notice,
  type RejectedFile,
} from './file-rules';

export interface FileSelection {
  files: AcceptedFile[];
  rejected: RejectedFile[];
  totalBytes: number;
  /** The limits `add` enforces, so the picker shows the same numbers. */
  limits: FileLimits;
  // Function-typed properties, not methods: they are stable callbacks meant to be passed around
  // detached (`onDrop={selection.add}`), which typed lint rightly flags for methods.
  /** `limits`: other limits for this one add (files refused for their count, added again when
   *  the form's limits grow). */
  add: (files: readonly File[], limits?: FileLimits) => void;
  /** Lists refusals that belong to no file: a folder that brought none, an unreadable drop. */
  refuse: (notices: readonly Notice[]) => void;
  remove: (id: string) => void;
  /** Dismisses one refusal, or all of them without an id. */
  dismissRejected: (id?: string) => void;
  clear: () => void;
}

interface State {
  files: AcceptedFile[];
  rejected: RejectedFile[];
}

const EMPTY: State = { files: [], rejected: [] };

export function useFileSelection(limits: FileLimits = DEFAULT_FILE_LIMITS): FileSelection {
  const [state, setState] = useState<State>(EMPTY);
  const { maxFileBytes, maxFiles } = limits;

  // Classifying inside the updater means two drops in one tick still see each other's files. The
  // ids are given before it, because StrictMode runs updaters twice and they must be pure.
  const add = useCallback(
    (files: readonly File[], limitsNow?: FileLimits) => {
      if (files.length === 0) return;
      const incoming = withIds(files);
      setState((prev) => {
        const { accepted, rejected } = classifyFiles(
          prev.files,
          incoming,
          limitsNow ?? { maxFileBytes, maxFiles },
        );
        return { files: [...prev.files, ...accepted], rejected: [...prev.rejected, ...rejected] };
      });
    },
    [maxFileBytes, maxFiles],
  );

  const refuse = useCallback((notices: readonly Notice[]) => {
    if (notices.length === 0) return;
    const entries = notices.map((notice) => ({ ...notice, id: nextEntryId() }));
    setState((prev) => ({ ...prev, rejected: [...prev.rejected, ...entries] }));
  }, []);

  const remove = useCallback((id: string) => {
    setState((prev) => ({ ...prev, files: prev.files.filter((f) => f.id !== id) }));
  }, []);

  const dismissRejected = useCallback((id?: string) => {
    setState((prev) => ({
      ...prev,
      rejected: id === undefined ? [] : prev.rejected.filter((r) => r.id !== id),
    }));
  }, []);

  const clear = useCallback(() => setState(EMPTY), []);

  return useMemo(
    () => ({
      files: state.files,
      rejected: state.rejected,
      totalBytes: state.files.reduce((sum, f) => sum + f.file.size, 0),
      limits: { maxFileBytes, maxFiles },
      add,
      refuse,
      remove,
      dismissRejected,
      clear,
    }),
    [state, maxFileBytes, maxFiles, add, refuse, remove, dismissRejected, clear],
  );
}
