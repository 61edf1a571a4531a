/** "Copy as curl": the request the form would send, as a command a person can paste into a terminal
 *  or a bug report. The key is always `$NANONETS_API_KEY`, never a value. */
import { useState } from 'react';
import { Button } from '@/components/ui/button';

export interface CopyCurlButtonProps {
  /** Builds the command on click, so it always matches the form at that moment. */
  command: () => string;
  /** Said with "Copied", e.g. that the command still needs the agent's id. */
  note?: string | undefined;
  disabled?: boolean;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyCurlButton({ command, note, disabled }: CopyCurlButtonProps) {
  const [state, setState] = useState<CopyState>('idle');
  const [shown, setShown] = useState<string | null>(null);

  async function copy() {
    const text = command();
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      setShown(null);
    } catch {
      // No clipboard permission (or an insecure origin): show the command to copy by hand.
      setState('failed');
      setShown(text);
    }
    window.setTimeout(() => setState('idle'), 2500);
  }

  return (
    <div className="flex min-w-0 flex-col gap-2">
      <div className="flex items-center gap-2">
        <Button variant="ghost" onClick={() => void copy()} disabled={disabled}>
          Copy as curl
        </Button>
        <span role="status" className="text-sm text-muted">
          {state === 'copied' ? `Copied to the clipboard.${note ? ` ${note}` : ''}` : ''}
          {state === 'failed' ? 'Could not use the clipboard; copy it from below.' : ''}
        </span>
      </div>
      {shown ? (
        <pre
          aria-label="curl command"
          tabIndex={0}
          className="max-h-48 overflow-auto rounded-md border border-border bg-surface-muted p-3 text-xs"
        >
          {shown}
        </pre>
      ) : null}
    </div>
  );
}
