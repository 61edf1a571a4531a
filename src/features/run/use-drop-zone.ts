/**
 * The plumbing of a drop zone: drag-over state, drop, click or Enter/Space to open the file
 * dialog, and a guard so a file dropped beside the zone is not opened by the browser in place of
 * the form (which would throw away everything typed).
 *
 * Our own rather than react-dropzone's: every file from every source already goes through
 * `classifyFiles` (our wording for refusals) and pastes through the picker's own listener, so all
 * react-dropzone added was this event wiring — at 6 KB gzip with file-selector, the difference
 * between the first page meeting its 100 KB budget or not (decision 0005). Folder drops are not
 * walked: a dropped folder is refused like any file of no accepted type.
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';

export interface DropZoneOptions {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
}

function carriesFiles(event: DragEvent | globalThis.DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function useDropZone({ onFiles, disabled = false }: DropZoneOptions) {
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Entering a child fires dragenter before the parent's dragleave: count, don't toggle.
  const [depth, setDepth] = useState(0);

  useEffect(() => {
    const outside = (event: globalThis.DragEvent) => {
      if (carriesFiles(event) && !rootRef.current?.contains(event.target as Node)) {
        event.preventDefault();
      }
    };
    window.addEventListener('dragover', outside);
    window.addEventListener('drop', outside);
    return () => {
      window.removeEventListener('dragover', outside);
      window.removeEventListener('drop', outside);
    };
  }, []);

  const open = () => {
    if (!disabled) inputRef.current?.click();
  };

  const rootProps = {
    ref: rootRef,
    role: 'button',
    tabIndex: disabled ? undefined : 0,
    'aria-disabled': disabled || undefined,
    onClick: open,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        open();
      }
    },
    onDragEnter: (event: DragEvent) => {
      event.preventDefault();
      if (!disabled && carriesFiles(event)) setDepth((value) => value + 1);
    },
    onDragOver: (event: DragEvent) => {
      event.preventDefault();
      event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    },
    onDragLeave: () => setDepth((value) => Math.max(0, value - 1)),
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setDepth(0);
      if (!disabled) onFiles(Array.from(event.dataTransfer.files));
    },
  };

  const inputProps = {
    ref: inputRef,
    type: 'file',
    multiple: true,
    tabIndex: -1,
    // display:none keeps a focusable control out of the button (axe: nested-interactive).
    style: { display: 'none' },
    disabled,
    onClick: (event: { stopPropagation(): void }) => event.stopPropagation(),
    onChange: (event: { currentTarget: HTMLInputElement }) => {
      const input = event.currentTarget;
      onFiles(Array.from(input.files ?? []));
      input.value = ''; // choosing the same file again must fire `change` again
    },
  };

  return { rootRef, rootProps, inputProps, isDragActive: depth > 0 };
}
