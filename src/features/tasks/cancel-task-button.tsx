/** `Cancel task`, confirmed first in a native modal `<dialog>` (focus starts on `Keep it running`).
 *  A failed cancel explains itself and leaves the task as it was; once the task ends the button
 *  goes and focus moves to the header's heading. Render only while the task is live. */
import { useId, useLayoutEffect, useRef } from 'react';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Button } from '@/components/ui/button';
import { useCancelTask } from './use-cancel-task';

export interface CancelTaskButtonProps {
  taskId: string;
}

export function CancelTaskButton({ taskId }: CancelTaskButtonProps) {
  const { cancel, isPending, error, reset } = useCancelTask(taskId);
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  // Runs as the button leaves, while it is still in the document and may hold focus.
  useLayoutEffect(() => {
    const button = trigger.current;
    const box = dialog.current;
    return () => {
      const active = document.activeElement;
      if (!active || (active !== button && !box?.contains(active))) return;
      const heading = button?.closest('header')?.querySelector<HTMLElement>('h1');
      if (!heading) return;
      if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
      heading.focus();
    };
  }, []);

  const open = () => {
    reset();
    dialog.current?.showModal();
    keep.current?.focus();
  };
  const close = () => dialog.current?.close();
  const confirm = () => {
    // One confirmation, one cancel: a second click of a double click lands on a closed dialog.
    if (!dialog.current?.open) return;
    close();
    cancel();
  };

  return (
    <>
      <Button
        ref={trigger}
        onClick={open}
        // Not disabled while the cancel is out: that would throw focus to the page. A second
        // confirmation meanwhile is dropped by `useCancelTask`.
        aria-busy={isPending || undefined}
      >
        Cancel task
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        // Browsers that do not give focus back on close still find their way to the button.
        onClose={() => trigger.current?.focus()}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-border bg-surface p-5 text-text shadow-lg backdrop:bg-surface-muted/80"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Cancel this task?
        </h2>
        <p id={descriptionId} className="mt-2 text-sm text-muted">
          The agent stops after the step it is running.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button ref={keep} onClick={close}>
            Keep it running
          </Button>
          <Button variant="danger" onClick={confirm}>
            Cancel task
          </Button>
        </div>
      </dialog>
      {error ? (
        <ApiErrorAlert
          title="The task could not be cancelled"
          error={error}
          className="basis-full"
        />
      ) : null}
    </>
  );
}
