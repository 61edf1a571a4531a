/**
 * "Legacy Classifier": a keyword classifier from an older generation of agents. It is seeded
 * inactive, so runs are refused with 403 before this script is ever called; the script exists
 * so that re-activating the agent (PATCH `is_active: true`) gives it sensible behaviour.
 *
 * It scores the query plus any text files against keyword lists and answers with the best
 * category ("other" when nothing matches), its confidence and the words that decided it.
 */
import { decodeText, isTextLike } from './files';
import { stepDuration } from './timing';
import type { AgentScript } from './types';

export const CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  billing: [
    'invoice',
    'charge',
    'charged',
    'refund',
    'payment',
    'bill',
    'billing',
    'overcharged',
    'receipt',
    'credit card',
    'vat',
    'paid',
  ],
  technical_support: [
    'error',
    'bug',
    'crash',
    'crashes',
    'broken',
    'not working',
    'fails',
    'failing',
    'timeout',
    'slow',
    'install',
    'api',
    '500',
  ],
  sales: [
    'pricing',
    'quote',
    'demo',
    'buy',
    'purchase',
    'upgrade',
    'enterprise',
    'discount',
    'trial',
    'licence',
    'license',
    'seats',
  ],
  account: [
    'password',
    'login',
    'log in',
    'sign in',
    'username',
    'account',
    'profile',
    '2fa',
    'two-factor',
    'locked out',
    'email address',
  ],
};

export interface Classification {
  category: string;
  confidence: number;
  matched: string[];
  scores: Record<string, number>;
}

export function classify(text: string): Classification {
  const lower = text.toLowerCase();
  const scores: Record<string, number> = {};
  const matchedBy: Record<string, string[]> = {};
  for (const [category, words] of Object.entries(CATEGORIES)) {
    const hits = words.filter((w) => new RegExp(`\\b${w.replace(/[-]/g, '\\-')}\\b`).test(lower));
    scores[category] = hits.length;
    matchedBy[category] = hits;
  }
  const total = Object.values(scores).reduce((a, b) => a + b, 0);
  const [best, bestScore] = Object.entries(scores).reduce(
    (a, b) => (b[1] > a[1] ? b : a),
    ['other', 0],
  );
  if (total === 0 || bestScore === 0)
    return { category: 'other', confidence: 0.5, matched: [], scores };
  return {
    category: best,
    confidence: Math.round((bestScore / total) * 100) / 100,
    matched: matchedBy[best] ?? [],
    scores,
  };
}

export const legacyScript: AgentScript = function* (input, ctx) {
  const duration = () => stepDuration(ctx.random);
  const parts = [
    input.query ?? '',
    ...input.files.filter(isTextLike).map((f) => decodeText(f.bytes)),
  ];
  const text = parts.join('\n').trim();
  if (text === '') {
    yield {
      kind: 'complete',
      summary: 'Nothing to classify: the message is empty and no text file was attached.',
      extractedData: { category: null },
      durationMs: duration(),
    };
    return;
  }
  yield {
    kind: 'message',
    content: `Classifying the message into one of: ${Object.keys(CATEGORIES).join(', ')}, other.`,
    durationMs: duration(),
  };
  const result = classify(text);
  yield {
    kind: 'tool_call',
    name: 'classify',
    arguments: {
      text: text.length > 200 ? `${text.slice(0, 199)}…` : text,
      categories: [...Object.keys(CATEGORIES), 'other'],
    },
    output: result,
    durationMs: duration(),
  };
  const reason =
    result.matched.length === 0
      ? 'no category keywords were found'
      : `it mentions ${result.matched.map((m) => `"${m}"`).join(', ')}`;
  yield {
    kind: 'complete',
    summary: `**Category:** ${result.category} (confidence ${result.confidence})\n\nReason: ${reason}.`,
    extractedData: {
      category: result.category,
      confidence: result.confidence,
      matched_keywords: result.matched,
    },
    durationMs: duration(),
  };
};
