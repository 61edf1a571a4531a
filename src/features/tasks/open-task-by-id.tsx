/** Open a task by its id: for an id from a log, an email or the API, without scrolling for it.
 *  Anything that is not a UUID is refused here with a message on the field, since the API could
 *  only answer "not found"; a well-formed id that does not exist is the task page's to explain. */
import { useId, useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id as the API spells it (trimmed, lower case), or undefined when it is not a UUID. */
export function parseTaskId(input: string): string | undefined {
  const id = input.trim();
  return UUID.test(id) ? id.toLowerCase() : undefined;
}

function problemOf(input: string): string | undefined {
  if (input.trim() === '') return 'Enter a task ID.';
  if (parseTaskId(input)) return undefined;
  return 'That is not a task ID. A task ID is a UUID: 32 hexadecimal digits in groups of 8-4-4-4-12, e.g. 3f2c9a1e-8b7d-4c2a-9e1f-0a1b2c3d4e5f.';
}

export function OpenTaskById({ className }: { className?: string | undefined }) {
  const [, navigate] = useLocation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const ids = { input: useId(), error: useId() };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = problemOf(value);
    setError(problem);
    const taskId = parseTaskId(value);
    if (taskId) navigate(`/tasks/${encodeURIComponent(taskId)}`);
  };

  return (
    <form noValidate onSubmit={submit} className={cn('space-y-1', className)}>
      <label htmlFor={ids.input} className="block text-xs font-medium text-muted">
        Task ID
      </label>
      <div className="flex gap-2">
        <input
          id={ids.input}
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="Paste a task ID"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
          onChange={(event) => {
            setValue(event.target.value);
            // Once shown, the message follows the input, so it goes as soon as the id is right.
            if (error) setError(problemOf(event.target.value));
          }}
          className={cn(
            'h-8 min-w-0 flex-1 rounded-md border bg-surface px-2.5 font-mono text-sm text-text shadow-xs placeholder:text-muted',
            'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent',
            error ? 'border-danger' : 'border-border',
          )}
        />
        <Button type="submit" size="sm">
          Open
        </Button>
      </div>
      {error ? (
        <p id={ids.error} role="alert" className="text-xs font-medium text-danger">
          {error}
        </p>
      ) : null}
    </form>
  );
}
