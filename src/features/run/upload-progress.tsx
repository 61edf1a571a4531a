/**
 * The bar under the form while a multipart run uploads: bytes sent of the total, and a way out.
 */
import type { UploadProgress as Progress } from '@/api/runs';
import { Button } from '@/components/ui/button';
import { formatBytes } from '@/lib/format';

export interface UploadProgressProps {
  progress: Progress | null;
  onCancel: () => void;
}

export function UploadProgress({ progress, onCancel }: UploadProgressProps) {
  const total = progress?.total ?? 0;
  const loaded = progress?.loaded ?? 0;
  const percent = total > 0 ? Math.round((loaded / total) * 100) : 0;
  const done = total > 0 && loaded >= total;
  const label = progress
    ? done
      ? `Uploaded ${formatBytes(total)} — waiting for the API to create the task…`
      : `${formatBytes(loaded)} of ${formatBytes(total)} sent (${percent}%)`
    : 'Starting the upload…';
  return (
    <div className="space-y-2 rounded-lg border border-border bg-surface p-3">
      <div className="flex items-center justify-between gap-3 text-sm">
        <span id="upload-progress-label" className="tabular-nums text-muted">
          {label}
        </span>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel upload
        </Button>
      </div>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="h-2 overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className="h-full rounded-full bg-accent transition-[width] duration-150"
          style={{ width: `${percent}%` }}
        />
      </div>
    </div>
  );
}
