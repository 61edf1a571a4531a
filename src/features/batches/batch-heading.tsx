/** The batch's heading: its name, or the agent and when it started; `Rename` turns it into a
 *  field (Enter saves, Escape cancels, focus comes back to `Rename`). An empty name goes back to
 *  the default. A failed save keeps what was typed and says why. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { renameBatch } from '@/entities/batch/hooks';
import { defaultBatchName, type Batch } from '@/entities/batch/model';

/** The name a batch goes by: the person's, else its agent and start time. */
export function batchTitle(batch: Batch): string {
  return batch.name ?? defaultBatchName(batch);
}

export function BatchHeading({ batch }: { batch: Batch }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const fieldId = useId();
  const errorId = useId();
  const title = batchTitle(batch);

  const close = () => {
    setDraft(null);
    setError(null);
    // After the field has gone: the button is back in the document.
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (draft === null || saving) return;
    setSaving(true);
    try {
      await renameBatch(queryClient, batch.id, draft);
      close();
    } catch (cause) {
      setError(
        `The name could not be saved: ${cause instanceof Error ? cause.message : String(cause)}. Try again.`,
      );
    } finally {
      setSaving(false);
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  if (draft === null) {
    return (
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">
          <SafeText text={title} />
        </h1>
        <Button
          ref={renameButton}
          size="sm"
          variant="ghost"
          onClick={() => setDraft(batch.name ?? '')}
        >
          Rename
        </Button>
      </div>
    );
  }
  return (
    <form className="flex flex-wrap items-end gap-2" onSubmit={(event) => void save(event)}>
      {/* The page keeps a level-one heading while the field is open. */}
      <h1 className="sr-only">
        <SafeText text={title} />
      </h1>
      <div className="flex min-w-64 flex-1 flex-col gap-1">
        <label htmlFor={fieldId} className="text-sm font-medium">
          Batch name
        </label>
        <input
          id={fieldId}
          autoFocus
          value={draft}
          placeholder={defaultBatchName(batch)}
          maxLength={200}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          className="h-10 rounded-md border border-border bg-surface px-3 text-lg focus-visible:outline-2 focus-visible:outline-accent"
        />
      </div>
      <Button type="submit" variant="primary" aria-busy={saving || undefined}>
        Save name
      </Button>
      <Button onClick={close}>Cancel</Button>
      {error ? (
        <p id={errorId} role="alert" className="basis-full text-sm text-danger">
          {error}
        </p>
      ) : null}
    </form>
  );
}
