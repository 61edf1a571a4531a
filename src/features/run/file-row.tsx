/** One row of the `Files` list and one row of the `Rejected files` list. Kept apart from the picker
 *  so the drop zone logic and the row markup can each be read on one screen. */
import { useCallback } from 'react';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { formatBytes } from '@/lib/format';
import { visibleText } from '@/lib/reveal-invisibles';
import { canPreview, fileTypeLabel, type AcceptedFile, type RejectedFile } from './file-rules';

/**
 * An image's thumbnail from an object URL. The URL lives exactly as long as the `img` element:
 * created when React attaches it, revoked by the ref's cleanup on remove or unmount, so no blob
 * outlives its row. Decorative (`alt=""`): the file name beside it says what it is.
 */
function Thumbnail({ file }: { file: File }) {
  const attach = useCallback(
    (img: HTMLImageElement | null) => {
      if (!img) return;
      const url = URL.createObjectURL(file);
      img.src = url;
      return () => URL.revokeObjectURL(url);
    },
    [file],
  );
  return <img ref={attach} alt="" className="size-10 shrink-0 rounded object-cover" />;
}

export interface FileRowProps {
  entry: AcceptedFile;
  disabled?: boolean | undefined;
  onRemove: (id: string) => void;
}

export function FileRow({ entry: { id, file, name }, disabled, onRemove }: FileRowProps) {
  const label = fileTypeLabel(file);
  return (
    <li className="flex items-center gap-3 px-3 py-2">
      {canPreview(file) ? (
        <Thumbnail file={file} />
      ) : (
        <span
          aria-hidden="true"
          className="grid size-10 shrink-0 place-items-center rounded bg-surface-muted text-xs font-semibold text-muted"
        >
          {label}
        </span>
      )}
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium" title={visibleText(name)}>
          <SafeText text={name} />
        </p>
        <p className="text-sm text-muted">
          {label} · {formatBytes(file.size)}
        </p>
      </div>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Remove ${visibleText(name)}`}
        disabled={disabled}
        onClick={() => onRemove(id)}
      >
        Remove
      </Button>
    </li>
  );
}

export interface RejectedRowProps {
  entry: RejectedFile;
  onDismiss: (id: string) => void;
}

export function RejectedRow({ entry: { id, name, message }, onDismiss }: RejectedRowProps) {
  return (
    <li className="flex items-center gap-3 px-3 py-2">
      <Icon name="alert-triangle" className="text-danger" />
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium" title={visibleText(name)}>
          <SafeText text={name} />
        </p>
        <p className="text-sm text-danger">{message}</p>
      </div>
      <Button
        size="sm"
        variant="ghost"
        aria-label={`Dismiss ${visibleText(name)}`}
        onClick={() => onDismiss(id)}
      >
        Dismiss
      </Button>
    </li>
  );
}
