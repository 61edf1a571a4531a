/** The agents the simulator starts with, one per path of the API a dashboard must handle; keys and
 *  names are relied on by tests and docs (decision 0003). */
import { failingScript } from './failing';
import { invoiceScript } from './invoice';
import { longTraceScript } from './long-trace';
import { researcherScript } from './researcher';
import { reviewerScript } from './reviewer';
import { summarizerScript } from './summarizer';
import type { SeedAgent, SeedAgentVersion } from './types';

function version(
  version_number: number,
  status: SeedAgentVersion['status'],
  is_active: boolean,
  created_minutes_ago: number,
  system_prompt: string,
): SeedAgentVersion {
  return { version_number, status, is_active, created_minutes_ago, system_prompt };
}

const SUMMARIZER_PROMPT_V1 =
  'You are a document summarizer. Read every file the user attaches and write a short summary ' +
  'of each one.';
const SUMMARIZER_PROMPT_V2 =
  'You are a document summarizer. Read every file the user attaches and write a Markdown ' +
  'summary with one section per file: what the document is, its size, and the figures that ' +
  'matter (amounts, dates, percentages). Say plainly when a file cannot be read.';
const SUMMARIZER_PROMPT_V3 =
  'You are a document summarizer. Read every file the user attaches and write a Markdown ' +
  'summary with one section per file: what the document is, its size, its structure (columns, ' +
  'headings, keys) and the figures that matter (amounts, dates, percentages). Follow the ' +
  "user's formatting instructions. Say plainly when a file cannot be read; never guess its " +
  'content.';

const INVOICE_PROMPT =
  'You extract structured data from invoices. Read the attached documents, find the ' +
  'invoice number, dates, parties, currency, line items and totals, and return them in ' +
  'the requested output schema. Use null for anything that is not in the document. If ' +
  'the document is ambiguous (for example two different totals), ask the user which ' +
  'value is correct instead of guessing.';
const REVIEWER_PROMPT =
  'You draft short, friendly outreach emails from the brief and any attached notes. ' +
  'Never send an email without human approval: draft it, then request a review of ' +
  'send_email and respect the decision.';
const FAILING_PROMPT =
  'You keep the accounting ledger in sync with the bank feed. Fetch the ledger page by ' +
  'page, reconcile each entry against the bank statement, and report every mismatch. ' +
  'Stop and report the error if the ledger API fails; never write partial changes.';
const RESEARCHER_PROMPT =
  'You research a topic thoroughly: search it facet by facet (market, competitors, ' +
  'pricing, regulation, news, reviews, forecasts, risks), read the best source for ' +
  'each, and write notes with a link per facet. Take your time; quality over speed.';
const LONG_TRACE_PROMPT =
  'You are a research agent that works through a very long list of sources: search, ' +
  'read each page, extract the facts and take notes until every source is covered.';
const LEGACY_PROMPT =
  'Classify the incoming support message into exactly one of: billing, ' +
  'technical_support, sales, account, other. Reply with the category and a one-line ' +
  'reason.';

/** Returns fresh objects on every call so a simulator reset cannot share mutated state. */
export function seedAgents(): SeedAgent[] {
  return [
    {
      key: 'summarizer',
      name: 'Document Summarizer',
      description:
        'Summarizes each attached document in Markdown, a section per file quoting how it ' +
        'begins.',
      config: {
        model: 'nanonets-agent-large',
        tools: ['read_file', 'summarize_text'],
        temperature: 0.2,
      },
      versions: [
        version(1, 'archived', true, 60 * 24 * 21, SUMMARIZER_PROMPT_V1),
        version(2, 'published', true, 60 * 24 * 6, SUMMARIZER_PROMPT_V2),
        version(3, 'draft', true, 45, SUMMARIZER_PROMPT_V3),
      ],
      script: summarizerScript,
    },
    {
      key: 'invoice',
      name: 'Invoice Extractor',
      description:
        'Extracts invoice fields (labelled fields and CSV columns) into your output schema, and ' +
        'asks which total is right when a document states two.',
      config: {
        model: 'nanonets-agent-large',
        tools: ['read_file', 'extract_fields', 'ask_user'],
        extraction_keys:
          'invoice_number invoice_date due_date vendor customer currency line_items subtotal tax total'.split(
            ' ',
          ),
      },
      versions: [version(1, 'published', true, 60 * 24 * 3, INVOICE_PROMPT)],
      script: invoiceScript,
    },
    {
      key: 'reviewer',
      name: 'Outreach Reviewer',
      description:
        'Drafts short outreach emails from your brief and waits for your approval before ' +
        'sending one.',
      config: {
        model: 'nanonets-agent-medium',
        tools: ['read_file', 'draft_email', 'send_email'],
        review_required_for: ['send_email'],
      },
      versions: [version(1, 'published', true, 60 * 24 * 2, REVIEWER_PROMPT)],
      script: reviewerScript,
    },
    {
      key: 'failing',
      name: 'Ledger Sync',
      description:
        'Reconciles the accounting ledger against the bank feed and reports every mismatch.',
      config: {
        model: 'nanonets-agent-medium',
        tools: ['fetch_ledger', 'reconcile_entries'],
        ledger_account: 'ACME-001',
      },
      versions: [version(1, 'published', true, 60 * 24 * 9, FAILING_PROMPT)],
      script: failingScript,
    },
    {
      key: 'researcher',
      name: 'Deep Researcher',
      description:
        'Researches a topic facet by facet on the web and writes notes with a source for each. ' +
        'Slow on purpose.',
      config: { model: 'nanonets-agent-large', tools: ['web_search', 'read_file'] },
      versions: [version(1, 'published', true, 60 * 24 * 5, RESEARCHER_PROMPT)],
      script: researcherScript,
    },
    {
      key: 'long-trace',
      name: 'Trace Stress Test',
      config: { model: 'nanonets-agent-small', tools: ['search', 'read_page', 'extract', 'note'] },
      versions: [version(1, 'published', true, 60 * 24 * 12, LONG_TRACE_PROMPT)],
      script: longTraceScript,
    },
    {
      key: 'legacy',
      name: 'Legacy Classifier',
      config: {
        model: 'nanonets-agent-small-2024',
        tools: ['classify'],
        categories: ['billing', 'technical_support', 'sales', 'account', 'other'],
      },
      versions: [version(1, 'published', false, 60 * 24 * 90, LEGACY_PROMPT)],
      // No script: seeded inactive, every run of it is refused with 403 before one is needed.
    },
  ];
}
