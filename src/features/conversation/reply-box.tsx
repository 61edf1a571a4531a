/** The `Reply` box and `Send`: Enter sends, Shift+Enter (or Enter while an IME composes) adds a
 *  line. A refused reply keeps both focusable (`aria-disabled`, read-only) and described by the
 *  reason; the box is also described by the agent's pending question. */
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import type { ReplyAvailability } from './reply-policy';

export interface ReplyBoxProps {
  value: string;
  onChange: (text: string) => void;
  /** Called with the text to send; the box is cleared by the caller if it took it. */
  onSend: (text: string) => void;
  availability: ReplyAvailability;
  /** A reply of this task is being delivered: Send waits for it. */
  sending: boolean;
  /** The id of the pending question's text, when there is one. */
  questionId: string | undefined;
  /** Take the focus once, when mounted (the tab opened on a task waiting for an answer). */
  focusOnMount: boolean;
}

/** True when focus sits somewhere the person chose, which opening the tab must not take away:
 *  a tab of the tablist (arrowing through tabs) or any other form field. */
function focusIsBusy(): boolean {
  const active = document.activeElement;
  if (!active || active === document.body) return false;
  if (active.getAttribute('role') === 'tab') return true;
  return active.matches('input, textarea, select, [contenteditable="true"]');
}

export function ReplyBox({
  value,
  onChange,
  onSend,
  availability,
  sending,
  questionId,
  focusOnMount,
}: ReplyBoxProps) {
  const id = useId();
  const noteId = `${id}-note`;
  const keysId = `${id}-keys`;
  const box = useRef<HTMLTextAreaElement>(null);
  const blocked = !availability.allowed;
  const canSend = !blocked && !sending && value.trim() !== '';

  // Once per mount: re-renders (a poll, a new message) never move the focus.
  const wantsFocus = useRef(focusOnMount);
  useEffect(() => {
    if (!wantsFocus.current) return;
    wantsFocus.current = false;
    if (!focusIsBusy()) box.current?.focus();
  }, []);

  const send = () => {
    if (canSend) onSend(value);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey) return;
    // 229: the keyCode of keys an IME is processing, for browsers that do not set isComposing.
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  const note = availability.allowed ? availability.hint : availability.reason;
  const describedBy = [questionId, note ? noteId : undefined, blocked ? undefined : keysId]
    .filter(Boolean)
    .join(' ');

  return (
    <form onSubmit={onSubmit} className="space-y-2" aria-label="Reply to the agent">
      <label htmlFor={id} className="block text-sm font-medium">
        Reply
      </label>
      <textarea
        ref={box}
        id={id}
        rows={3}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        readOnly={blocked}
        aria-disabled={blocked || undefined}
        aria-describedby={describedBy || undefined}
        dir="auto"
        className={cn(
          'block w-full resize-y rounded-md border border-border bg-surface px-3 py-2 text-sm text-text shadow-xs placeholder:text-muted',
          'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent',
          blocked && 'cursor-not-allowed bg-surface-muted text-muted',
        )}
      />
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1 space-y-0.5 text-xs">
          {note ? (
            <p
              id={noteId}
              className={cn(blocked ? 'flex items-start gap-1 text-text' : 'text-muted')}
            >
              {blocked ? <Icon name="info" size="sm" className="mt-0.5 text-muted" /> : null}
              {note}
            </p>
          ) : null}
          {blocked ? null : (
            <p id={keysId} className="text-muted">
              Enter sends, Shift+Enter adds a line.
            </p>
          )}
        </div>
        <Button
          type="submit"
          variant="primary"
          blocked={!canSend}
          aria-describedby={blocked ? noteId : undefined}
        >
          {sending ? <Icon name="spinner" size="sm" className="motion-safe:animate-spin" /> : null}
          Send
        </Button>
      </div>
    </form>
  );
}
