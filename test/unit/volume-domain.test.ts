/** Complaint volume, pure: counts and sources, the median, the trend, the sharp-rise rule, and the debrief's figures. */
import { CrisisError } from '../../src/core/errors';
import { checkRise, median, normaliseSource, RISE_RULE, riseStep, summariseVolume, trend, validateCount, type VolumeSample } from '../../src/features/customer/volume';

function sample(id: number, count: number, at: string, source = 'zendesk'): VolumeSample {
  return { id, crisisId: 1, count, source, sampledAt: at, recordedAt: at, recordedBy: null, externalId: null };
}

describe('counts and sources', () => {
  it('takes whole numbers from 0 to a billion', () => {
    expect(validateCount(0)).toBe(0);
    expect(validateCount(1_000_000_000)).toBe(1_000_000_000);
    for (const bad of [-1, 1.5, Number.NaN, 1_000_000_001, Number.POSITIVE_INFINITY]) expect(() => validateCount(bad)).toThrow(CrisisError);
  });

  it('trims and collapses a source, defaults to manual, and refuses more than 40 characters', () => {
    expect(normaliseSource(undefined)).toBe('manual');
    expect(normaliseSource('   ')).toBe('manual');
    expect(normaliseSource('  twitter   mentions ')).toBe('twitter mentions');
    expect(normaliseSource('é'.repeat(40))).toHaveLength(40);
    expect(() => normaliseSource('x'.repeat(41))).toThrow('keep it to 40');
  });
});

describe('median and trend', () => {
  it('median of odd and even counts, null for none', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });

  it('up or down past 10%, steady within', () => {
    expect(trend(111, 100)).toBe('up');
    expect(trend(110, 100)).toBe('steady');
    expect(trend(90, 100)).toBe('steady');
    expect(trend(89, 100)).toBe('down');
    expect(trend(0, 0)).toBe('steady');
    expect(trend(3, 0)).toBe('up');
  });
});

describe('the sharp-rise rule', () => {
  it('needs the latest at least double the median of the hour before', () => {
    expect(checkRise(40, [20, 20, 20])).toEqual({ rising: true, median: 20, priorSamples: 3 });
    expect(checkRise(39, [20, 20, 20]).rising).toBe(false);
  });

  it(`needs at least ${RISE_RULE.minPriorSamples} samples to compare with and a latest of at least ${RISE_RULE.minCount}`, () => {
    expect(checkRise(100, [10, 10]).rising).toBe(false);
    expect(checkRise(19, [1, 1, 1]).rising).toBe(false);
    expect(checkRise(20, [1, 1, 1]).rising).toBe(true);
    expect(checkRise(50, []).median).toBeNull();
  });

  it('one notice per rise: notify, then still rising, then ended re-arms', () => {
    expect(riseStep({ rising: true }, false)).toBe('notify');
    expect(riseStep({ rising: true }, true)).toBe('still_rising');
    expect(riseStep({ rising: false }, true)).toBe('ended');
    expect(riseStep({ rising: false }, false)).toBe('quiet');
  });
});

describe('the debrief figures', () => {
  const samples = [
    sample(1, 10, '2026-03-02T09:00:00Z'),
    sample(2, 5, '2026-03-02T09:05:00Z', 'twitter'),
    sample(3, 90, '2026-03-02T09:30:00Z'),
    sample(4, 90, '2026-03-02T09:40:00Z'),
    sample(5, 30, '2026-03-02T10:00:00Z'),
    sample(6, 2, '2026-03-02T10:30:00Z', 'twitter'),
  ];

  it('peak (the first of equal peaks), latest, sources, and each source at resolution', () => {
    const summary = summariseVolume(samples, '2026-03-02T10:10:00Z');
    expect(summary.samples).toBe(6);
    expect(summary.sources).toEqual(['zendesk', 'twitter']);
    expect(summary.peak).toEqual({ count: 90, source: 'zendesk', at: '2026-03-02T09:30:00Z' });
    expect(summary.latest).toEqual({ count: 2, source: 'twitter', at: '2026-03-02T10:30:00Z' });
    expect(summary.atResolution).toEqual([
      { count: 30, source: 'zendesk', at: '2026-03-02T10:00:00Z' },
      { count: 5, source: 'twitter', at: '2026-03-02T09:05:00Z' },
    ]);
  });

  it('nothing at resolution while unresolved, and empty figures for no samples', () => {
    expect(summariseVolume(samples, null).atResolution).toEqual([]);
    expect(summariseVolume([], null)).toEqual({ samples: 0, sources: [], peak: null, latest: null, atResolution: [] });
  });
});
