/**
 * How a ticket sounds: its subject and first message scored by wink-sentiment, a lexicon scorer
 * (AFINN-165's English words rated -5…5, some 2-word phrases, emojis and emoticons) that
 * flips a word after a negation ("not working", "doesn't work" score negative, where the plain
 * AFINN `sentiment` package scores them 0), and needs no model, no network and no training: pure
 * JavaScript from npm, MIT, about 40 µs a ticket. Chosen over `sentiment` (misses those negations,
 * the commonest complaint in a support queue) and `vader-sentiment` (a better model for short
 * social text, but five times slower, Apache-2.0, and its JavaScript port is unmaintained).
 * Its limits, said plainly: English only (other languages score about 0, so they count as not
 * negative), and sarcasm reads as praise ("great, another delay" is positive).
 *
 * Only the score leaves this module: the words scored are never kept (see ticket-event.ts).
 */
import winkSentiment from 'wink-sentiment';

declare const sentimentBrand: unique symbol;
/** wink-sentiment's normalised score, -5 (angry) to 5 (delighted), to two decimals. Made only here. */
export type SentimentScore = number & { readonly [sentimentBrand]: true };

export const MIN_SCORE = -5;
export const MAX_SCORE = 5;

function clamp(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.min(MAX_SCORE, Math.max(MIN_SCORE, score));
}

/** The score of a ticket's subject and first message (plain text, see html-text.ts). */
export function scoreSentiment(subject: string, firstMessage: string): SentimentScore {
  const text = [subject, firstMessage].map((part) => part.trim()).filter((part) => part.length > 0).join('. ');
  if (text.length === 0) return 0 as SentimentScore;
  const rounded = Math.round(clamp(winkSentiment(text).normalizedScore) * 100) / 100;
  // -0 would print as 0 but compare as negative nowhere; keep it a plain 0.
  return (rounded === 0 ? 0 : rounded) as SentimentScore;
}

/** A stored score read back (a database column): checked to be a score, or null when it is not one. */
export function sentimentFromStore(value: number): SentimentScore | null {
  return Number.isFinite(value) && value >= MIN_SCORE && value <= MAX_SCORE ? (value as SentimentScore) : null;
}

/** A negative ticket: its score is below 0. */
export function isNegative(score: SentimentScore): boolean {
  return score < 0;
}
