/** A file whose start lost its answer while the API shows tasks that may be its own but not which
 *  file each holds: the person opens them and says which is this file's, or starts a new one. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { decideFile } from '@/entities/batch/hooks';
import type { BatchFile } from '@/entities/batch/model';
import { shortId, TaskLink } from './task-link';

export function UndecidedFile({
  batchId,
  file,
  candidates,
}: {
  batchId: string;
  file: BatchFile;
  candidates: readonly string[];
}) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const decide = (taskId: string | null) => {
    setError(null);
    decideFile(queryClient, batchId, file.key, taskId).catch((cause: unknown) =>
      setError(`Not saved: ${cause instanceof Error ? cause.message : String(cause)}. Try again.`),
    );
  };
  return (
    <div className="mt-2 space-y-2 text-xs">
      <p>
        Its start lost its answer. Is one of these tasks <SafeText text={file.name} />
        &apos;s?
      </p>
      <ul className="space-y-1">
        {candidates.map((taskId) => (
          <li key={taskId} className="flex flex-wrap items-center gap-2">
            <TaskLink taskId={taskId} />
            <Button
              size="sm"
              aria-label={`Task ${shortId(taskId)} is ${file.name}'s`}
              onClick={() => decide(taskId)}
            >
              It is this one
            </Button>
          </li>
        ))}
      </ul>
      <Button size="sm" onClick={() => decide(null)}>
        None: start a new task
      </Button>
      {error ? (
        <p role="alert" className="text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
