/** The extracted data checked against the output schema this browser ran the task with
 *  (`lib/task-inputs.ts`): a count in the header and the differences; a plain-language schema is
 *  named, not checked. */
import { useMemo } from 'react';
import { SafeText } from '@/components/safe-text';
import { Badge } from '@/components/ui/badge';
import { taskInputsOf } from '@/lib/task-inputs';
import { checkConformance, parseOutputSchema, type ConformanceIssue } from './schema-conformance';

const SHOWN = 100;

export type Conformance =
  | { state: 'unknown' }
  | { state: 'plain-language' }
  | { state: 'checked'; issues: ConformanceIssue[] };

export function useConformance(taskId: string, data: unknown): Conformance {
  const schemaText = taskInputsOf(taskId)?.outputSchema;
  return useMemo(() => {
    if (!schemaText?.trim()) return { state: 'unknown' };
    const schema = parseOutputSchema(schemaText);
    if (!schema) return { state: 'plain-language' };
    return { state: 'checked', issues: checkConformance(schema, data) };
  }, [schemaText, data]);
}

export function ConformanceBadge({ conformance }: { conformance: Conformance }) {
  if (conformance.state !== 'checked') return null;
  const count = conformance.issues.length;
  return count === 0 ? (
    <Badge tone="success">Matches the output schema</Badge>
  ) : (
    <Badge tone="warning">
      {count} schema {count === 1 ? 'issue' : 'issues'}
    </Badge>
  );
}

function describe(issue: ConformanceIssue): string {
  switch (issue.problem) {
    case 'missing':
      return 'missing';
    case 'extra':
      return 'not in the schema';
    case 'type':
      return `expected ${issue.expected ?? 'another type'}, got ${issue.actual ?? 'something else'}`;
  }
}

export function ConformanceDetails({ conformance }: { conformance: Conformance }) {
  if (conformance.state === 'plain-language') {
    return (
      <p className="text-xs text-muted">
        The output schema was written in plain language, so the data is not checked against it.
      </p>
    );
  }
  if (conformance.state !== 'checked' || conformance.issues.length === 0) return null;
  const { issues } = conformance;
  const counts = {
    missing: issues.filter((issue) => issue.problem === 'missing').length,
    type: issues.filter((issue) => issue.problem === 'type').length,
    extra: issues.filter((issue) => issue.problem === 'extra').length,
  };
  return (
    <details className="rounded-md border border-warning/40 bg-warning/5 p-2 text-sm">
      <summary className="cursor-pointer">
        Compared with the output schema you ran it with: {counts.missing} missing, {counts.type} of
        the wrong type, {counts.extra} extra
      </summary>
      <ul className="mt-2 space-y-0.5">
        {issues.slice(0, SHOWN).map((issue) => (
          <li key={`${issue.path}:${issue.problem}`}>
            <code className="font-mono text-xs">
              <SafeText text={issue.path} />
            </code>
            : {describe(issue)}
          </li>
        ))}
      </ul>
      {issues.length > SHOWN ? (
        <p className="mt-1 text-muted">…and {issues.length - SHOWN} more.</p>
      ) : null}
    </details>
  );
}
