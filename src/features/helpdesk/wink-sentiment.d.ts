/** Types for wink-sentiment 5 (it ships none): one function, a phrase in, its scores out. */
declare module 'wink-sentiment' {
  interface WinkSentimentToken {
    value: string;
    tag: string;
    score?: number;
    negation?: boolean;
  }
  interface WinkSentimentResult {
    /** The sum of the words', emojis' and emoticons' AFINN values, negations flipped. */
    score: number;
    /** `score` spread over the phrase's sentiment-bearing tokens: from -5 to 5. */
    normalizedScore: number;
    tokenizedPhrase?: WinkSentimentToken[];
  }
  function sentiment(phrase: string): WinkSentimentResult;
  export = sentiment;
}
