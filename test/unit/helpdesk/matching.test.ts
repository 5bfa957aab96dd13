/** Tag and keyword matching: whole words, no case, phrases with any spacing; the tag wins; the early warning's keys. */
import {
  compileKeywords,
  crisisKeys,
  defaultCrisisTag,
  keysOf,
  type Keyword,
  matchCrisis,
  newKeys,
  parseCrisisTag,
  parseKeywordList,
  playbookForKey,
} from '../../../src/features/helpdesk/matching';

function keywords(text: string): Keyword[] {
  const parsed = parseKeywordList(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.keywords;
}

describe('keywords as typed', () => {
  it('split on commas, lower case, single spaces, repeats kept once', () => {
    expect(keywords(' Refund,  charged   TWICE ,refund, late delivery,')).toEqual(['refund', 'charged twice', 'late delivery']);
  });

  it('every problem at once: too short, no letter, too long, too many, none', () => {
    expect(parseKeywordList('a, ---, ok')).toEqual({
      ok: false,
      problems: [
        { code: 'keyword_too_short', keyword: 'a', min: 2 },
        { code: 'keyword_no_letter', keyword: '---' },
      ],
    });
    expect(parseKeywordList(`x${'y'.repeat(60)}`)).toMatchObject({ ok: false, problems: [{ code: 'keyword_too_long', max: 60 }] });
    expect(parseKeywordList(Array.from({ length: 21 }, (_, i) => `word${i}`).join(','))).toMatchObject({ ok: false, problems: [{ code: 'too_many_keywords', count: 21, max: 20 }] });
    expect(parseKeywordList(' , ,')).toEqual({ ok: false, problems: [{ code: 'no_keywords' }] });
  });
});

describe('a subject holds a keyword', () => {
  const matcher = compileKeywords(keywords('refund, charged twice, late delivery, c++, 50% off, café'));

  it('without case, as whole words, phrases with any spacing', () => {
    expect(matcher.match('REFUND please')).toEqual(['refund']);
    expect(matcher.match('Where is my refund?')).toEqual(['refund']);
    expect(matcher.match('Refunded already, thanks')).toEqual([]);
    expect(matcher.match('prerefund')).toEqual([]);
    expect(matcher.match('I was Charged  twice!')).toEqual(['charged twice']);
    expect(matcher.match('charged\ntwice')).toEqual(['charged twice']);
    expect(matcher.match('charged twice-ish and a refund')).toEqual(['refund', 'charged twice']);
    expect(matcher.match('latest delivery')).toEqual([]);
    expect(matcher.match('Late delivery again')).toEqual(['late delivery']);
  });

  it('keywords with signs are taken literally, and letters beyond ASCII are letters', () => {
    expect(matcher.match('my c++ course')).toEqual(['c++']);
    expect(matcher.match('the 50% off code')).toEqual(['50% off']);
    expect(matcher.match('Le Café est fermé')).toEqual(['café']);
    expect(matcher.match('cafés')).toEqual([]);
    expect(matcher.match('')).toEqual([]);
  });
});

describe('a ticket counts for a crisis', () => {
  const criteria = { tag: defaultCrisisTag(12), keywords: keywords('charged twice') };

  it('by its tag (any case), else probably by a keyword, else not; the tag wins', () => {
    expect(defaultCrisisTag(12)).toBe('crisis-12');
    expect(matchCrisis({ tags: ['billing', 'crisis-12'], keywordHits: keywords('charged twice') }, criteria)).toBe('tag');
    expect(matchCrisis({ tags: ['CRISIS-12'], keywordHits: [] }, criteria)).toBe('tag');
    expect(matchCrisis({ tags: ['crisis-120'], keywordHits: keywords('charged twice') }, criteria)).toBe('keyword');
    expect(matchCrisis({ tags: ['crisis-120'], keywordHits: keywords('refund') }, criteria)).toBeNull();
  });

  it('a tag set by hand: trimmed, lower case, no commas, not too long', () => {
    expect(parseCrisisTag('  Checkout-Outage ')).toEqual({ ok: true, tag: 'checkout-outage' });
    expect(parseCrisisTag(' - ')).toEqual({ ok: false, problem: { code: 'tag_empty' } });
    expect(parseCrisisTag('a,b')).toEqual({ ok: false, problem: { code: 'tag_has_comma' } });
    expect(parseCrisisTag('x'.repeat(81))).toEqual({ ok: false, problem: { code: 'tag_too_long', max: 80 } });
  });
});

describe("the early warning's keys", () => {
  it('one per tag and per keyword; a ticket adds to a key once, when it first carries it', () => {
    const before = keysOf({ tags: ['refund'], keywordHits: [] });
    const after = keysOf({ tags: ['refund', 'Crisis-12'], keywordHits: keywords('charged twice') });
    expect(after).toEqual(['tag:refund', 'tag:crisis-12', 'kw:charged twice']);
    expect(newKeys(before, after)).toEqual(['tag:crisis-12', 'kw:charged twice']);
    expect(newKeys(after, keysOf({ tags: ['refund'], keywordHits: [] }))).toEqual([]);
    expect(crisisKeys({ tag: 'crisis-12', keywords: keywords('charged twice') })).toEqual(['tag:crisis-12', 'kw:charged twice']);
  });

  it('point at the playbook that lists the keyword (a tag read as words), else none', () => {
    const playbooks = [
      { type: 'shipping', keywords: keywords('late delivery, lost parcel') },
      { type: 'recall', keywords: keywords('recall') },
      { type: 'pr', keywords: keywords('late delivery') },
    ];
    expect(playbookForKey('kw:late delivery', playbooks)).toBe('shipping');
    expect(playbookForKey('tag:late_delivery', playbooks)).toBe('shipping');
    expect(playbookForKey('tag:recall', playbooks)).toBe('recall');
    expect(playbookForKey('tag:vip', playbooks)).toBeNull();
  });
});
