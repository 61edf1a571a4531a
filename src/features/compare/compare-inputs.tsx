/** A compared task's inputs (query, files, output schema, instructions), each marked `differs`
 *  where the other side's known value is not the same. */
import type { ReactNode } from 'react';
import { SafeText } from '@/components/safe-text';
import { Badge } from '@/components/ui/badge';
import type { InputFile, RunInputsView } from '@/entities/task/run-inputs-source';
import { formatBytes } from '@/lib/format';
import { ClippedText } from '@/components/clipped-text';

const LINK = 'text-accent underline underline-offset-2';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const fileNames = (files: readonly InputFile[] | undefined) => files?.map((file) => file.name);

export function CompareInputs({
  view,
  other,
  onRetry,
}: {
  view: RunInputsView | undefined;
  other: RunInputsView | undefined;
  onRetry: (() => unknown) | undefined;
}) {
  const differs = (mine: unknown, theirs: unknown) =>
    other !== undefined && mine !== undefined && theirs !== undefined && !same(mine, theirs);
  const unknown = view?.source === 'api' ? 'Not in what the API returned' : 'Not known';
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Inputs</h3>
      {onRetry ? (
        <p className="text-sm text-muted">
          The task’s messages could not be read.{' '}
          <button type="button" onClick={() => void onRetry()} className={LINK}>
            Retry
          </button>
        </p>
      ) : null}
      {view ? (
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          <InputRow
            term="Query"
            value={view.query}
            unknown={unknown}
            differs={differs(view.query, other?.query)}
          >
            {(query) => <ClippedText text={query} size="compact" />}
          </InputRow>
          <InputRow
            term="Files"
            value={view.files}
            unknown={unknown}
            differs={differs(fileNames(view.files), fileNames(other?.files))}
          >
            {(files) => (
              <ul className="space-y-0.5">
                {files.map((file, index) => (
                  <li key={index}>
                    <SafeText text={file.name} />
                    {file.size !== undefined ? (
                      <span className="text-muted tabular-nums"> ({formatBytes(file.size)})</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </InputRow>
          <InputRow
            term="Output schema"
            value={view.outputSchema}
            unknown={unknown}
            differs={differs(view.outputSchema, other?.outputSchema)}
          >
            {(schema) => <ClippedText text={schema} code size="compact" />}
          </InputRow>
          <InputRow
            term="Instructions"
            value={view.instructions}
            unknown={unknown}
            differs={differs(view.instructions, other?.instructions)}
          >
            {(instructions) => <ClippedText text={instructions} size="compact" />}
          </InputRow>
        </dl>
      ) : (
        <p aria-busy="true" className="text-sm text-muted">
          Reading the task’s messages…
        </p>
      )}
    </div>
  );
}

function InputRow<T extends string | readonly unknown[]>({
  term,
  value,
  unknown,
  differs,
  children,
}: {
  term: string;
  value: T | undefined;
  unknown: string;
  differs: boolean;
  children: (value: T) => ReactNode;
}) {
  return (
    <>
      <dt className="font-medium text-muted">
        {term}
        {differs ? (
          <Badge tone="warning" className="ml-1.5">
            differs
          </Badge>
        ) : null}
      </dt>
      <dd className="min-w-0">
        {value === undefined ? (
          <span className="text-muted">{unknown}</span>
        ) : value.length === 0 ? (
          <span className="text-muted">None</span>
        ) : (
          children(value)
        )}
      </dd>
    </>
  );
}
