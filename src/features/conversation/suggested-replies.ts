/** The answers an agent's question offers, as one-click replies: pure, and cautious — only choices
 *  the question lists ("Reply with X or Y", "one of …", "Options: …", "(yes/no)", a bullet list),
 *  never a guess. A description ("the amount") is not a choice and is left out. */

/** At most this many suggestions; a longer list is not a set of quick answers. */
export const MAX_SUGGESTIONS = 6;
const MAX_CHARS = 40;
const MAX_WORDS = 5;

const QUOTES = /^["'“”‘’«»`]+|["'“”‘’«»`]+$/g;
/** Words that open a description rather than an answer ("the amount", "your own figure"). */
const DESCRIPTION = /^(the|a|an|your|my|any|some|another|other|something|anything|whatever)\b/i;
/** Connectors around the choices, stripped from each end of one. */
const LEAD = /^(?:(?:or|and|either|with|one of|just|simply|say|type|reply|answer)\b[\s,:]*)+/i;
const TRAIL = /[\s.,;:!?)\]]+$/;

/** The text after a prompt to answer, up to the end of its sentence. */
const PROMPTS = [
  /\b(?:reply|respond|answer)(?:ing)?\s+(?:with|by\s+saying|either)\s+([^\n]+)/i,
  /\b(?:choose|pick|select)\s+(?:from\s+|between\s+|one\s+of\s+)?([^\n]+)/i,
  /\b(?:options?|choices?)\s*(?:are|:)\s*([^\n]+)/i,
  /\b(?:type|say)\s+(?=["'“‘])([^\n]+)/i,
];

/** `(yes/no)`, `[y/n]`, `(A or B)` at the end of the question. */
const BRACKETED = /[([]\s*([^()[\]]+?(?:\/|\bor\b)[^()[\]]+?)\s*[)\]]\s*[.?!]?\s*$/i;
/** `Which one: CSV or JSON?` — a colon, then a short "or"-list ending the question. */
const COLON_LIST = /:\s*([^:\n]+?\bor\b[^:\n]+?)\?\s*$/i;
const BULLET = /^\s*(?:[-*•]|\d{1,2}[.)]|[a-z][.)])\s+(.+)$/i;

/** The first sentence of `text`: up to `. `, `? ` or `! ` (so a decimal point does not end it). */
function firstSentence(text: string): string {
  const end = text.search(/[.?!](?=\s|$)/);
  return end === -1 ? text : text.slice(0, end);
}

function cleanChoice(raw: string): string | undefined {
  let choice = raw.trim();
  for (let pass = 0; pass < 3; pass++) {
    choice = choice
      .replace(LEAD, '')
      .replace(TRAIL, '')
      .replace(/^\*\*(.+)\*\*$/, '$1')
      .replace(QUOTES, '')
      .trim();
  }
  if (choice === '' || choice.length > MAX_CHARS) return undefined;
  if (choice.split(/\s+/).length > MAX_WORDS) return undefined;
  if (DESCRIPTION.test(choice)) return undefined;
  return choice;
}

/** The choices in a list: what "or", commas, semicolons and slashes separate. */
function choicesIn(list: string): string[] {
  const parts = list.split(/\s*(?:,|;|\/|\bor\b)\s*/i);
  return parts.map(cleanChoice).filter((choice): choice is string => choice !== undefined);
}

function unique(choices: readonly string[]): string[] {
  const seen = new Set<string>();
  return choices.filter((choice) => {
    const key = choice.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fromBullets(question: string): string[] {
  const items = question
    .split('\n')
    .map((line) => BULLET.exec(line)?.[1])
    .filter((item): item is string => item !== undefined);
  if (items.length < 2) return [];
  const choices = items.map(cleanChoice).filter((choice) => choice !== undefined);
  // A list with an item too long to be an answer is an explanation, not a set of choices.
  return choices.length === items.length ? choices : [];
}

/**
 * The replies `question` offers, in its order, without repeats; empty when it lists none. At
 * least two choices, or none: a single one is not a choice.
 */
export function suggestedReplies(question: string | undefined): string[] {
  if (!question?.trim()) return [];
  const text = question.replace(/\r\n?/g, '\n');
  const found: string[] = [];
  const bullets = fromBullets(text);
  if (bullets.length > 0) found.push(...bullets);
  else {
    for (const prompt of PROMPTS) {
      const match = prompt.exec(text);
      const choices = match?.[1] ? choicesIn(firstSentence(match[1])) : [];
      if (choices.length >= 2) {
        found.push(...choices);
        break;
      }
    }
    if (found.length === 0) {
      const list = BRACKETED.exec(text)?.[1] ?? COLON_LIST.exec(text)?.[1];
      if (list) found.push(...choicesIn(list));
    }
  }
  const choices = unique(found);
  return choices.length >= 2 && choices.length <= MAX_SUGGESTIONS ? choices : [];
}
