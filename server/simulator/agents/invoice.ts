/**
 * "Invoice Extractor": structured extraction from the text of the attached invoices, shaped by
 * `output_config.output_schema`, with a question to the user when the document contradicts itself.
 *
 * What input does what:
 * - Documents: every text-like attached file (see `files.ts`); binary files are read, reported
 *   as unreadable and left out. With no files, the query text itself is the document. No files
 *   and no query: a message and `complete` with `extractedData: {}`.
 * - Shape: the output schema in any of its three forms (JSON Schema, simple `{"field": "type"}`,
 *   plain English); with none, or English naming no known field, the default invoice shape
 *   (`INVOICE_VOCABULARY`). Unknown requested fields come out `null`.
 * - `extractedData`: one shaped object for one readable document; an array of shaped objects (in
 *   file order) for several; `{}` when nothing could be read.
 * - `ask_user` is yielded when, and only when, one document has two or more lines labelled as a
 *   total ("Total", "Grand total", "Total due", "Amount due", "Balance due"; not "Subtotal",
 *   "Total tax", "Total qty") whose amounts differ, e.g. a text file containing both
 *   `Total: 559.06` and `Total: 605.00`. The question names every distinct value. The reply is
 *   matched to an amount in the list, an ordinal ("first", "the second one", "2nd", "last"), a
 *   comparative ("the larger") or a bare list index ("2"); any other amount in the reply is taken
 *   as the user's own figure. An unmatched reply gets one more, narrower question; a second
 *   unmatched reply makes the agent pick the larger total and say so.
 */
import { describeFields, parseOutputSchema, shapeData, vocabularyToSchema } from './output-schema';
import type { ParsedOutputSchema, ScalarParsers, SchemaNode } from './output-schema';
import { decodeText, isTextLike, kindLabel, readFileOutput, readFileStep } from './files';
import { formatMoney, parseAmount, parseDate, roundMoney } from './figures';
import { extractInvoice, INVOICE_VOCABULARY } from './invoice-fields';
import type { InvoiceRecord, TotalCandidate } from './invoice-fields';
import { stepDuration } from './timing';
import type { AgentScript, Resume, ScriptStep } from './types';

const PARSERS: ScalarParsers = { number: parseAmount, date: parseDate };

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'] as const;

export type TotalChoice = { kind: 'candidate'; index: number } | { kind: 'amount'; value: number };

function sameAmount(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

/**
 * Interprets the user's answer to the "which total?" question; null when it cannot be matched
 * (including contradictory answers such as "first or second").
 */
export function parseTotalChoice(
  answer: string,
  candidates: readonly TotalCandidate[],
): TotalChoice | null {
  const text = answer.toLowerCase();
  const indexOfMax = candidates.reduce(
    (best, c, i) => (c.value > (candidates[best]?.value ?? -Infinity) ? i : best),
    0,
  );
  const indexOfMin = candidates.reduce(
    (best, c, i) => (c.value < (candidates[best]?.value ?? Infinity) ? i : best),
    0,
  );

  // Ordinals written with digits ("2nd") are words, not amounts.
  const withoutOrdinals = text.replace(/\b\d+(?:st|nd|rd|th)\b/g, ' ');
  const amounts = [...withoutOrdinals.matchAll(/(?<![\w.])-?\d(?:[\d.,']*\d)?/g)]
    .map((m) => parseAmount(m[0]))
    .filter((n): n is number => n !== null);
  const matched = candidates.findIndex((c) => amounts.some((a) => sameAmount(a, c.value)));
  if (matched >= 0) return { kind: 'candidate', index: matched };

  const picks = new Set<number>();
  ORDINALS.slice(0, candidates.length).forEach((word, i) => {
    if (new RegExp(`\\b(?:${word}|${i + 1}(?:st|nd|rd|th))\\b`).test(text)) picks.add(i);
  });
  if (/\b(?:former)\b/.test(text)) picks.add(0);
  if (/\b(?:last|latter|final|bottom)\b/.test(text)) picks.add(candidates.length - 1);
  if (
    /\b(?:larger|largest|higher|highest|bigger|biggest|greater|greatest|max(?:imum)?)\b/.test(text)
  )
    picks.add(indexOfMax);
  if (/\b(?:smaller|smallest|lower|lowest|min(?:imum)?)\b/.test(text)) picks.add(indexOfMin);
  if (picks.size === 1) return { kind: 'candidate', index: [...picks][0] ?? 0 };
  if (picks.size > 1) return null;

  const only = amounts[0];
  if (amounts.length === 1 && only !== undefined) {
    if (
      Number.isInteger(only) &&
      only >= 1 &&
      only <= candidates.length &&
      /^\D*\d\D*$/.test(withoutOrdinals)
    ) {
      return { kind: 'candidate', index: only - 1 };
    }
    return { kind: 'amount', value: only };
  }
  return null;
}

function money(value: number, currency: string | null): string {
  return formatMoney(value, currency);
}

function totalsQuestion(
  name: string,
  candidates: readonly TotalCandidate[],
  currency: string | null,
): string {
  const listed = candidates.map((c) => `${money(c.value, currency)} (line ${c.line}: "${c.text}")`);
  const last = listed.pop() ?? '';
  const words = ORDINALS.slice(0, candidates.length).map((w) => `"${w}"`);
  const count = candidates.length === 2 ? 'two' : String(candidates.length);
  return (
    `${name} states ${count} different totals: ${listed.join(', ')} and ${last}. ` +
    `Which one is the invoice total? Reply with the amount, or ${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}.`
  );
}

interface TotalDecision {
  value: number;
  /** One sentence for the summary. */
  note: string;
}

/** Asks which total is right (at most twice) and returns the decision. */
function* resolveTotal(
  name: string,
  candidates: readonly TotalCandidate[],
  currency: string | null,
  duration: () => number,
): Generator<ScriptStep, TotalDecision, Resume> {
  const values = candidates.map((c) => money(c.value, currency));
  let question = totalsQuestion(name, candidates, currency);
  for (let attempt = 0; attempt < 2; attempt++) {
    const resume = yield { kind: 'ask_user', question, durationMs: duration() };
    const answer = resume?.kind === 'answer' ? resume.text : '';
    const choice = parseTotalChoice(answer, candidates);
    if (choice?.kind === 'candidate') {
      const picked = candidates[choice.index];
      if (picked !== undefined) {
        const note = `Total ${money(picked.value, currency)} as you chose ("${answer.trim()}"), from line ${picked.line}: "${picked.text}".`;
        yield {
          kind: 'message',
          content: `Thanks. Using ${money(picked.value, currency)} as the total of ${name}.`,
          durationMs: duration(),
        };
        return { value: picked.value, note };
      }
    }
    if (choice?.kind === 'amount') {
      const note = `Total ${money(choice.value, currency)} as you stated; this amount does not appear as a total in the document (it lists ${values.join(' and ')}).`;
      yield {
        kind: 'message',
        content: `Understood: I will use ${money(choice.value, currency)} as the total of ${name}, as you said, even though the document does not state it.`,
        durationMs: duration(),
      };
      return { value: choice.value, note };
    }
    question = `Sorry, I could not tell which total you meant by "${answer.trim()}". Please reply with one of ${values.join(' or ')}, or with ${ORDINALS.slice(
      0,
      candidates.length,
    )
      .map((w) => `"${w}"`)
      .join(' or ')}.`;
  }
  const largest = candidates.reduce((a, b) => (b.value > a.value ? b : a));
  yield {
    kind: 'message',
    content: `I still could not match your reply to one of the totals, so I used the larger one, ${money(largest.value, currency)} (line ${largest.line}). Please check it.`,
    durationMs: duration(),
  };
  return {
    value: largest.value,
    note: `Total ${money(largest.value, currency)} is the larger of ${values.join(' and ')}, picked because your replies did not say which one is right; please check it.`,
  };
}

// ---------------------------------------------------------------------------------------------

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Requested fields that came out null (for arrays: null in every item). */
function missingFields(node: SchemaNode, value: unknown, path = ''): string[] {
  switch (node.type) {
    case 'object':
      return node.fields.flatMap((f) =>
        missingFields(
          f.node,
          isRecord(value) ? value[f.name] : null,
          path === '' ? f.name : `${path}.${f.name}`,
        ),
      );
    case 'array':
      if (!Array.isArray(value)) return [path === '' ? '(list)' : path];
      if (value.length === 0 || node.items.type !== 'object') return [];
      {
        const perItem = value.map((item) => missingFields(node.items, item, `${path}[]`));
        return (perItem[0] ?? []).filter((p) => perItem.every((missing) => missing.includes(p)));
      }
    default:
      return value === null || value === undefined ? [path === '' ? '(value)' : path] : [];
  }
}

function schemaIntro(parsed: ParsedOutputSchema, root: SchemaNode, rawSchema: string): string {
  const fields = describeFields(root);
  const shown = fields.length > 14 ? `${fields.slice(0, 14).join(', ')}, …` : fields.join(', ');
  switch (parsed.form) {
    case 'json-schema':
      return `I will fill your JSON Schema (${shown}).`;
    case 'simple':
      return `I will fill your output schema (${shown}).`;
    case 'natural-language':
      return parsed.root === null
        ? `I could not match any invoice field I know in your schema description "${rawSchema.trim()}", so I will return the standard invoice fields (${shown}).`
        : `I read your schema description "${rawSchema.trim()}" as these fields: ${shown}.`;
    case 'none':
      return `No output schema was given, so I will return the standard invoice fields (${shown}).`;
  }
}

function recordLines(record: InvoiceRecord, decisionNote: string | null): string[] {
  const c = record.currency;
  const lines: string[] = [];
  const id = [
    record.invoice_number === null ? 'no invoice number found' : `invoice ${record.invoice_number}`,
    record.invoice_date === null ? null : `issued ${record.invoice_date}`,
    record.due_date === null ? null : `due ${record.due_date}`,
  ].filter((p): p is string => p !== null);
  lines.push(`- **Invoice:** ${id.join(', ')}`);
  if (record.vendor !== null || record.customer !== null) {
    lines.push(
      `- **From → to:** ${record.vendor ?? 'unknown vendor'} → ${record.customer ?? 'unknown customer'}`,
    );
  }
  if (record.line_items.length > 0) {
    const sum = roundMoney(record.line_items.reduce((s, i) => s + (i.amount ?? 0), 0));
    lines.push(
      `- **Line items:** ${record.line_items.length} (amounts add up to ${money(sum, c)})`,
    );
  } else lines.push('- **Line items:** none found');
  const money3 = [
    record.subtotal === null ? null : `subtotal ${money(record.subtotal, c)}`,
    record.tax === null
      ? null
      : `tax ${money(record.tax, c)}${record.tax_rate === null ? '' : ` (${record.tax_rate}%)`}`,
    record.total === null ? 'total not found' : `total ${money(record.total, c)}`,
  ].filter((p): p is string => p !== null);
  lines.push(`- **Amounts:** ${money3.join(', ')}`);
  if (record.subtotal !== null && record.tax !== null && record.total !== null) {
    const ok = sameAmount(roundMoney(record.subtotal + record.tax), record.total);
    lines.push(
      ok
        ? '- **Check:** subtotal + tax = total ✓'
        : `- **Check:** subtotal + tax = ${money(roundMoney(record.subtotal + record.tax), c)}, which differs from the total ✗`,
    );
  }
  if (decisionNote !== null) lines.push(`- **Total:** ${decisionNote}`);
  return lines;
}

/** A document as the extraction loop needs it: read and extracted already, its text let go. */
interface Document {
  name: string;
  extraction: ReturnType<typeof extractInvoice>;
}

export const invoiceScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const rawSchema = input.outputConfig?.output_schema ?? '';
  const parsed = parseOutputSchema(rawSchema, INVOICE_VOCABULARY);
  const root: SchemaNode = parsed.root ?? vocabularyToSchema(INVOICE_VOCABULARY);
  const query = input.query?.trim() ?? '';
  const instructions = input.outputConfig?.instructions?.trim() ?? '';

  if (input.files.length === 0 && query === '') {
    yield {
      kind: 'message',
      content: 'No files were attached and no text was sent, so there is nothing to extract.',
      durationMs: duration(),
    };
    yield {
      kind: 'complete',
      summary:
        'Nothing to extract: attach an invoice (txt, csv, md or json) or paste its text into the message.',
      extractedData: {},
      durationMs: duration(),
    };
    return;
  }

  const plan: string[] = [];
  if (input.files.length === 0) {
    plan.push(
      'No files were attached, so I will extract the invoice fields from the text of your message.',
    );
  } else {
    const names = input.files.map((f) => f.name).join(', ');
    plan.push(
      input.files.length === 1
        ? `I'll read ${names} and extract the invoice data.`
        : `I'll read the ${input.files.length} attached files (${names}) and extract the invoice data from each.`,
    );
    if (query !== '')
      plan.push(`You asked: "${query.length > 160 ? `${query.slice(0, 159)}…` : query}".`);
  }
  plan.push(schemaIntro(parsed, root, rawSchema), ...parsed.notes);
  if (instructions !== '') {
    plan.push(
      `Your instructions: "${instructions}". The simulator extracts with fixed rules (dates as YYYY-MM-DD, amounts as numbers), so they may not change the result.`,
    );
  }
  yield { kind: 'message', content: plan.join(' '), durationMs: duration() };

  const documents: Document[] = [];
  const unreadable: string[] = [];
  if (input.files.length === 0) {
    documents.push({ name: 'your message', extraction: extractInvoice(query) });
  }
  for (const file of input.files) {
    const read = file.read((f) => ({
      output: readFileOutput(f),
      extraction: isTextLike(f) ? extractInvoice(decodeText(f.bytes)) : null,
      label: kindLabel(f),
    }));
    yield readFileStep(read.output, duration());
    if (read.extraction !== null) documents.push({ name: file.name, extraction: read.extraction });
    else unreadable.push(`${file.name} (${read.label})`);
  }

  const requested = describeFields(root);
  const results: { name: string; record: InvoiceRecord; shaped: unknown; note: string | null }[] =
    [];
  for (const doc of documents) {
    const extraction = doc.extraction;
    const record = extraction.record;
    const found = Object.fromEntries(
      Object.entries(record).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0)),
    );
    yield {
      kind: 'tool_call',
      name: 'extract_fields',
      arguments: { filename: doc.name, fields: requested },
      output: {
        found,
        total_lines: extraction.totalLines.map((t) => ({
          line: t.line,
          text: t.text,
          value: t.value,
        })),
        ...(extraction.distinctTotals.length > 1 && {
          warning: `${extraction.distinctTotals.length} different totals`,
        }),
      },
      durationMs: duration(),
    };
    let note: string | null = null;
    if (extraction.distinctTotals.length > 1) {
      const decision = yield* resolveTotal(
        doc.name,
        extraction.distinctTotals,
        record.currency,
        duration,
      );
      record.total = decision.value;
      note = decision.note;
    }
    results.push({
      name: doc.name,
      record,
      shaped: shapeData(root, record, INVOICE_VOCABULARY, PARSERS),
      note,
    });
  }

  const sections: string[] = ['# Extracted invoice data'];
  if (results.length === 0) {
    sections.push(
      `I could not read any of the attached files as text (${unreadable.join(', ')}), so nothing was extracted. The simulator cannot read text from PDFs or images; attach a text export of the invoice instead.`,
    );
    yield {
      kind: 'complete',
      summary: sections.join('\n\n'),
      extractedData: {},
      durationMs: duration(),
    };
    return;
  }
  for (const r of results) {
    const missing = missingFields(root, r.shaped);
    const lines = recordLines(r.record, r.note);
    if (missing.length > 0) lines.push(`- **Not found (null):** ${missing.join(', ')}`);
    sections.push(`## ${r.name}\n\n${lines.join('\n')}`);
  }
  if (unreadable.length > 0) {
    sections.push(
      `Not read: ${unreadable.join(', ')}: the simulator cannot read text from binary files.`,
    );
  }
  if (results.length > 1)
    sections.push(`The extracted data is a list with one entry per document, in the order above.`);
  const first = results[0];
  yield {
    kind: 'complete',
    summary: sections.join('\n\n'),
    extractedData:
      results.length === 1 && first !== undefined ? first.shaped : results.map((r) => r.shaped),
    durationMs: duration(),
  };
};
