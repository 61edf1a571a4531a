/** "Ledger Sync": always fails on page 3 of 7 after two fetches and one reconciliation, with a 502
 *  tool output and a `fail` step, for the failed-task path (decision 0003). */
import { randomInt, stepDuration } from './timing';
import type { AgentScript, ToolCallStep } from './types';

const PAGES = 7;
const FAILING_PAGE = 3;
const PAGE_SIZE = 50;

export const failingScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const account = /\b[A-Z]{2,}-\d{2,}\b/.exec(input.query ?? '')?.[0] ?? 'ACME-001';
  const firstEntry = randomInt(ctx.random, 10_000, 19_000);

  yield {
    kind: 'message',
    content: `I will sync ledger account ${account}: fetch its ${PAGES} pages of entries, reconcile them against the bank feed, and write changes only once every page has been checked.`,
    durationMs: duration(),
  };
  /** A `fetch_ledger` call for one page, with what it returned. */
  const fetchPage = (page: number, output?: unknown): ToolCallStep => ({
    kind: 'tool_call',
    name: 'fetch_ledger',
    arguments: { account, page, page_size: PAGE_SIZE },
    output: output ?? {
      account,
      page,
      pages: PAGES,
      entries: PAGE_SIZE,
      first_entry: `JE-${firstEntry + (page - 1) * PAGE_SIZE}`,
      last_entry: `JE-${firstEntry + page * PAGE_SIZE - 1}`,
    },
    durationMs: duration(),
  });
  yield fetchPage(1);

  const mismatched = randomInt(ctx.random, 1, 3);
  const mismatches = Array.from({ length: mismatched }, (_, i) => {
    const ledger = randomInt(ctx.random, 2_000, 90_000) / 100;
    return {
      entry: `JE-${firstEntry + randomInt(ctx.random, 0, PAGE_SIZE - 1)}`,
      ledger_amount: ledger,
      bank_amount: Math.round((ledger + (i + 1) * 10) * 100) / 100,
    };
  });
  yield {
    kind: 'tool_call',
    name: 'reconcile_entries',
    arguments: { account, pages: [1], dry_run: true },
    output: { checked: PAGE_SIZE, matched: PAGE_SIZE - mismatched, mismatched, mismatches },
    durationMs: duration(),
  };
  yield fetchPage(2);
  yield fetchPage(FAILING_PAGE, {
    error: {
      status: 502,
      message: 'Bad Gateway',
      detail: 'The upstream ledger service did not return a valid response.',
      attempts: 3,
    },
  });
  yield {
    kind: 'fail',
    error: `Ledger API returned 502 Bad Gateway while fetching page ${FAILING_PAGE} of ${PAGES} (account ${account}). No entries were changed.`,
    durationMs: duration(),
  };
};
