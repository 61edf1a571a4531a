import { describe, expect, it } from 'vitest';
import { suggestedReplies } from './suggested-replies';

describe('suggestedReplies', () => {
  it('offers the simulator’s choices, leaving out the description “the amount”', () => {
    const question =
      'invoice.txt states two different totals: 559.06 EUR (line 5: "Total: 559.06") and ' +
      '605.00 EUR (line 7: "Total: 605.00"). Which one is the invoice total? Reply with the ' +
      'amount, or "first" or "second".';
    expect(suggestedReplies(question)).toEqual(['first', 'second']);
  });

  it('reads amounts with decimal points and a second quoted list in one sentence', () => {
    const question =
      'Sorry, I could not tell which total you meant by "the big one". Please reply with one of ' +
      '559.06 EUR or 605.00 EUR, or with "first" or "second".';
    expect(suggestedReplies(question)).toEqual(['559.06 EUR', '605.00 EUR', 'first', 'second']);
  });

  it('reads "Reply with X or Y" and stops at the end of that sentence', () => {
    expect(suggestedReplies('Send it now? Reply with yes or no. If no, say why.')).toEqual([
      'yes',
      'no',
    ]);
  });

  it('reads quoted options with curly quotes and a trailing description', () => {
    expect(
      suggestedReplies('Answer with “approve”, ‘reject’, or a short note for the author.'),
    ).toEqual(['approve', 'reject']);
  });

  it('reads "choose one of", "Options:" and bracketed yes/no lists', () => {
    expect(suggestedReplies('Which format? Choose one of CSV, JSON or XML.')).toEqual([
      'CSV',
      'JSON',
      'XML',
    ]);
    expect(suggestedReplies('How should I sort them?\nOptions: newest, oldest, largest')).toEqual([
      'newest',
      'oldest',
      'largest',
    ]);
    expect(suggestedReplies('Shall I overwrite the file (yes/no)?')).toEqual(['yes', 'no']);
    expect(suggestedReplies('Which one: the draft or the final?')).toEqual([]);
    expect(suggestedReplies('Which currency: EUR or USD?')).toEqual(['EUR', 'USD']);
  });

  it('reads a bullet or numbered list of short items', () => {
    expect(
      suggestedReplies('Which account should I use?\n- **Personal**\n- Business\n- Shared'),
    ).toEqual(['Personal', 'Business', 'Shared']);
    expect(suggestedReplies('Pick a region:\n1. EU\n2) US')).toEqual(['EU', 'US']);
  });

  it('invents nothing where the question lists no choices', () => {
    expect(suggestedReplies(undefined)).toEqual([]);
    expect(suggestedReplies('   ')).toEqual([]);
    expect(suggestedReplies('What is the customer’s VAT number?')).toEqual([]);
    expect(suggestedReplies('Which type of file is this, and who sent it?')).toEqual([]);
    expect(suggestedReplies('Reply with the amount you expect.')).toEqual([]);
    // Bullets that explain rather than offer.
    expect(
      suggestedReplies(
        'I found two problems:\n- the totals on lines 5 and 7 do not agree with each other\n- the date is missing',
      ),
    ).toEqual([]);
  });

  it('drops repeats and lists too long to be quick answers', () => {
    expect(suggestedReplies('Reply with yes, Yes or no.')).toEqual(['yes', 'no']);
    expect(suggestedReplies('Reply with p, q, r, s, t, u, v or w.')).toEqual([]);
  });
});
