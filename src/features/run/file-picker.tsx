/** The run form's files: a drop zone, a folder dialog, the accepted files and the refused ones with
 *  our reasons (every file goes through `classifyFiles`; the file dialog's `accept` is only a
 *  convenience). */
import { useId, useRef, type RefObject } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { formatBytes } from '@/lib/format';
import { ChooseFolder } from './choose-folder';
import { FileRow, RejectedRow } from './file-row';
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_TYPES_SUMMARY,
  emptyFolderNotice,
  type FileLimits,
  type RejectedFile,
} from './file-rules';
import { useFileDrop } from './use-file-drop';
import type { FileSelection } from './use-file-selection';

const PROMPT = 'Drop files here, or click to browse';

export interface FilePickerProps {
  selection: FileSelection;
  /** What to show as the limits; defaults to the limits the selection enforces. */
  limits?: FileLimits;
  /** While uploading: nothing can be added or removed. */
  disabled?: boolean;
}

/** `display: none` rather than react-dropzone's zero-size input, which stays focusable (tabindex -1)
 *  inside a `role="button"`: axe reports that as nested-interactive. */
const HIDDEN = { display: 'none' } as const;

/** "2 files were not added · 1 folder added nothing": a folder row is no refused file. */
function refusalSummary(rejected: readonly RejectedFile[]): string {
  const files = rejected.filter((entry) => entry.file).length;
  const folders = rejected.length - files;
  return [
    files > 0 && `${files} ${files === 1 ? 'file was' : 'files were'} not added`,
    folders > 0 && `${folders} ${folders === 1 ? 'folder' : 'folders'} added nothing`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * After a row goes away, focus the next row's button, else the previous one, else `fallback`, so
 * keyboard users stay in the list instead of being dropped to the top of the page.
 */
function moveFocusFrom(
  list: RefObject<HTMLUListElement | null>,
  index: number,
  fallback?: HTMLElement | null,
) {
  const buttons = list.current?.querySelectorAll('button') ?? [];
  const target = buttons[index + 1] ?? buttons[index - 1] ?? fallback;
  target?.focus();
}

export function FilePicker({
  selection,
  limits = selection.limits,
  disabled = false,
}: FilePickerProps) {
  const hintId = useId();
  const filesRef = useRef<HTMLUListElement>(null);
  const rejectedRef = useRef<HTMLUListElement>(null);
  const { files, rejected, add, refuse, remove, dismissRejected } = selection;
  const { getRootProps, getInputProps, isDragActive, rootRef } = useFileDrop({
    add,
    refuse,
    disabled,
  });

  const count = files.length;
  const summary = `${count} ${count === 1 ? 'file' : 'files'} · ${formatBytes(selection.totalBytes)}`;
  const refusals = refusalSummary(rejected);
  return (
    <div className="space-y-3">
      {/* Always mounted, so screen readers announce changes (a region that appears is not read). */}
      <p aria-live="polite" className="sr-only">
        {count > 0 && summary}
        {rejected.length > 0 && `. ${refusals}`}
      </p>
      <div
        {...getRootProps({
          role: 'button',
          'aria-label': PROMPT,
          'aria-describedby': hintId,
          className: cn(
            'flex min-h-28 cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed border-border bg-surface p-6 text-center',
            'transition-colors hover:border-accent focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
            // Files over the zone: solid, tinted and ringed, so the target is plain at a glance.
            isDragActive && 'border-solid border-accent bg-accent/15 ring-4 ring-accent/30',
            disabled && 'cursor-not-allowed opacity-50 hover:border-border',
          ),
        })}
      >
        <input {...getInputProps({ accept: ACCEPT_ATTRIBUTE, style: HIDDEN })} />
        <p className="font-medium">{PROMPT}</p>
        {isDragActive && <p className="font-medium text-accent">Release to add the files</p>}
      </div>
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <p id={hintId} className="text-sm text-muted">
          Up to {limits.maxFiles} {limits.maxFiles === 1 ? 'file' : 'files'},{' '}
          {formatBytes(limits.maxFileBytes)} each. {ACCEPTED_TYPES_SUMMARY}. You can also drop or
          choose a folder, or paste files.
        </p>
        <ChooseFolder
          onFiles={add}
          onEmpty={(folder) => refuse([emptyFolderNotice(folder)])}
          disabled={disabled}
        />
      </div>

      {count > 0 && (
        <div className="space-y-1">
          <p className="text-sm font-medium">{summary}</p>
          <ul
            ref={filesRef}
            aria-label="Files"
            className="divide-y divide-border rounded-lg border border-border bg-surface"
          >
            {files.map((entry, index) => (
              <FileRow
                key={entry.id}
                entry={entry}
                disabled={disabled}
                onRemove={(id) => {
                  moveFocusFrom(filesRef, index, rootRef.current);
                  remove(id);
                }}
              />
            ))}
          </ul>
        </div>
      )}

      {rejected.length > 0 && (
        <div className="space-y-1">
          <div className="flex items-center justify-between gap-2">
            <p className="text-sm font-medium text-danger">{refusals}</p>
            <Button
              size="sm"
              variant="ghost"
              aria-label="Clear rejected files"
              onClick={() => {
                rootRef.current?.focus();
                dismissRejected();
              }}
            >
              Clear
            </Button>
          </div>
          <ul
            ref={rejectedRef}
            aria-label="Rejected files"
            className="divide-y divide-border rounded-lg border border-danger/30 bg-surface"
          >
            {rejected.map((entry, index) => (
              <RejectedRow
                key={entry.id}
                entry={entry}
                onDismiss={(id) => {
                  moveFocusFrom(rejectedRef, index, rootRef.current);
                  dismissRejected(id);
                }}
              />
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
