/** The `Output schema` field: JSON or plain language; says where broken JSON breaks, pretty-prints
 *  valid JSON, inserts templates (undoable rather than confirmed). The caller computes the check
 *  (`useOutputSchemaCheck`), since it also blocks `Run`; read-only, not disabled, while sending. */
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { looksLikeJson, type SchemaCheck } from './output-schema-check';
import { SCHEMA_TEMPLATES } from './schema-templates';

export interface OutputSchemaFieldProps {
  value: string;
  onChange: (value: string) => void;
  plainLanguage: boolean;
  onPlainLanguageChange: (value: boolean) => void;
  check: SchemaCheck;
  disabled?: boolean;
}

interface Replaced {
  name: string;
  inserted: string;
  previous: string;
  previousPlain: boolean;
}

const HINTS: Record<Exclude<SchemaCheck['kind'], 'invalid-json'>, string> = {
  empty: 'Optional. JSON such as {"total": "number"}, or the fields described in words.',
  plain: 'Plain language: the agent reads it as a description of the fields.',
  json: 'Valid JSON.',
  checking: 'Checking the JSON…',
};

/** The offending line, cut to a window around the column, with a caret under the error. */
function excerpt(text: string, line: number, column: number): string {
  const source = text.split(/\r\n|\r|\n/)[line - 1] ?? '';
  const start = Math.max(0, column - 40);
  const shown = (start > 0 ? '…' : '') + source.slice(start, start + 80).replaceAll('\t', ' ');
  return `${shown}\n${' '.repeat(column - 1 - start + (start > 0 ? 1 : 0))}^`;
}

export function OutputSchemaField({
  value,
  onChange,
  plainLanguage,
  onPlainLanguageChange,
  check,
  disabled = false,
}: OutputSchemaFieldProps) {
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [replaced, setReplaced] = useState<Replaced | null>(null);
  const canUndo = replaced !== null && replaced.inserted === value;

  const insertTemplate = (name: string, schema: string) => {
    const keep = value.trim() !== '' && !SCHEMA_TEMPLATES.some((t) => t.schema === value);
    setReplaced(
      keep ? { name, inserted: schema, previous: value, previousPlain: plainLanguage } : null,
    );
    onChange(schema);
    onPlainLanguageChange(false);
  };

  const undo = () => {
    if (!replaced) return;
    onChange(replaced.previous);
    onPlainLanguageChange(replaced.previousPlain);
    setReplaced(null);
    textarea.current?.focus();
  };

  const goToError = (offset: number) => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(offset, offset);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium">
          Output schema
        </label>
        <div
          role="group"
          aria-label="Schema templates"
          className="flex flex-wrap items-center gap-1"
        >
          <span className="text-xs text-muted">Templates:</span>
          {SCHEMA_TEMPLATES.map((t) => (
            <Button
              key={t.name}
              variant="ghost"
              size="sm"
              disabled={disabled}
              onClick={() => insertTemplate(t.name, t.schema)}
            >
              {t.name}
            </Button>
          ))}
        </div>
      </div>
      <textarea
        ref={textarea}
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        readOnly={disabled}
        rows={6}
        spellCheck={false}
        aria-invalid={check.kind === 'invalid-json'}
        aria-describedby={`${id}-status`}
        className={cn(
          'block w-full resize-y rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm',
          'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent',
          check.kind === 'invalid-json' && 'border-danger',
        )}
      />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <label className="inline-flex items-center gap-2">
          <input
            type="checkbox"
            checked={plainLanguage}
            disabled={disabled}
            onChange={(event) => onPlainLanguageChange(event.target.checked)}
          />
          Treat as plain language
        </label>
        {check.kind === 'json' ? (
          <Button size="sm" disabled={disabled} onClick={() => onChange(check.pretty)}>
            Format JSON
          </Button>
        ) : null}
      </div>
      {check.kind === 'invalid-json' ? (
        <div className="space-y-1 text-sm text-danger">
          <p id={`${id}-status`} className="flex items-start gap-1.5">
            <Icon name="alert-triangle" className="mt-0.5" />
            <span>
              Line {check.line}, column {check.column}: {check.message}. Fix it, or tick “Treat as
              plain language” to send it as written.
            </span>
          </p>
          <pre
            aria-hidden="true"
            className="overflow-x-auto rounded bg-surface-muted px-2 py-1 text-xs"
          >
            {excerpt(value, check.line, check.column)}
          </pre>
          <Button size="sm" variant="ghost" onClick={() => goToError(check.offset)}>
            Go to error
          </Button>
        </div>
      ) : (
        <p id={`${id}-status`} className="text-sm text-muted">
          {check.kind === 'plain' && plainLanguage && looksLikeJson(value)
            ? 'Sent as written, without checking it as JSON.'
            : HINTS[check.kind]}
        </p>
      )}
      {canUndo ? (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm">
          Replaced your schema with the {replaced.name} template.
          <Button size="sm" variant="ghost" onClick={undo}>
            Undo
          </Button>
        </p>
      ) : null}
    </div>
  );
}
