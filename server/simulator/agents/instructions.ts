/**
 * Reads `output_config.instructions` for what a template-driven simulator can honour (bullets or
 * prose, a word limit) and what it cannot (another language, free-form style requests), so the
 * summarizer can follow the first visibly and admit the second instead of silently ignoring it.
 */

export interface InstructionPlan {
  /** The instructions as given, trimmed. */
  raw: string;
  style: 'bullets' | 'prose';
  wordLimit: number | null;
  /** A language other than English that was asked for, capitalised ("French"). */
  language: string | null;
  /** What the agent will say about the instructions, one sentence each. */
  remarks: string[];
}

const LANGUAGES = [
  'french',
  'german',
  'spanish',
  'italian',
  'portuguese',
  'dutch',
  'polish',
  'swedish',
  'japanese',
  'chinese',
  'korean',
  'hindi',
  'arabic',
  'russian',
  'turkish',
] as const;

const WORD_LIMIT_PATTERNS: readonly RegExp[] = [
  /\b(?:under|max(?:imum)?(?:\s+of)?|at\s+most|no\s+more\s+than|not\s+more\s+than|less\s+than|fewer\s+than|within|up\s+to|limit(?:ed)?\s+to|keep\s+it\s+(?:to|under))\s+(\d{1,5})\s+words?\b/i,
  /\b(\d{1,5})\s+words?\s+(?:or\s+(?:less|fewer)|max(?:imum)?|at\s+most|limit)\b/i,
  /\b(\d{1,5})[-\s]word\s+(?:summary|limit|max(?:imum)?)\b/i,
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Interprets instructions; `null`/empty means "no instructions": bullets, no limit, no remarks. */
export function readInstructions(instructions: string | null | undefined): InstructionPlan {
  const raw = instructions?.trim() ?? '';
  const plan: InstructionPlan = {
    raw,
    style: 'bullets',
    wordLimit: null,
    language: null,
    remarks: [],
  };
  if (raw === '') return plan;
  const lower = raw.toLowerCase();
  let understood = false;

  if (/\b(?:prose|paragraphs?|no\s+bullets?|without\s+bullets?|full\s+sentences)\b/.test(lower)) {
    plan.style = 'prose';
    plan.remarks.push('I will write each section as prose instead of bullet points.');
    understood = true;
  } else if (/\b(?:bullets?|bullet[-\s]points?|bulleted|as\s+a\s+list|list\s+form)\b/.test(lower)) {
    plan.remarks.push('I will use bullet points.');
    understood = true;
  }

  for (const pattern of WORD_LIMIT_PATTERNS) {
    const m = pattern.exec(raw);
    const limit = m === null ? NaN : Number(m[1]);
    if (Number.isInteger(limit) && limit > 0) {
      plan.wordLimit = limit;
      plan.remarks.push(
        `I will keep the summary within ${limit} words, trimming details if needed.`,
      );
      understood = true;
      break;
    }
  }

  const language = LANGUAGES.find((l) => new RegExp(`\\b(?:in|into|to)\\s+${l}\\b`).test(lower));
  if (language !== undefined) {
    plan.language = capitalise(language);
    plan.remarks.push(
      `You asked for ${plan.language}, but the simulated agent can only write English, so the summary is in English.`,
    );
    understood = true;
  }

  if (!understood) {
    plan.remarks.push(
      'The simulated agent writes summaries from a fixed template, so these instructions may not change the result.',
    );
  }
  return plan;
}
