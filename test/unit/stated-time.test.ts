/**
 * Issue 16, a time stated in an update's text: the grammar (what is read as the next update's time
 * and what is not), the 1-minute-to-24-hours window, clock times in the crisis zone (today, or
 * tomorrow once passed, but a time just passed is a mistake), and zones named in the text.
 */
import { findStatedTime, type StatedTime } from '../../src/features/updates/stated-time';

const NOW = new Date('2026-03-05T09:30:00.000Z');
const read = (text: string, timeZone = 'UTC', now = NOW): StatedTime | undefined => findStatedTime(text, now, timeZone);
const dueAt = (text: string, timeZone = 'UTC', now = NOW): string | undefined => {
  const found = read(text, timeZone, now);
  return found?.kind === 'due' ? found.at : undefined;
};

describe('what is read as the next update time', () => {
  it.each([
    ['Payment provider is down. Next update by 09:55.', '2026-03-05T09:55:00.000Z', 'by 09:55'],
    ['Next update at 9:55', '2026-03-05T09:55:00.000Z', 'at 9:55'],
    ['Rolling back; next update in 30 min', '2026-03-05T10:00:00.000Z', 'in 30 min'],
    ["We'll update you again in 2 hours.", '2026-03-05T11:30:00.000Z', 'in 2 hours'],
    ['Next update in 45m', '2026-03-05T10:15:00.000Z', 'in 45m'],
    ['Next update: 10:30', '2026-03-05T10:30:00.000Z', '10:30'],
    ['Next update in 1h30', '2026-03-05T11:00:00.000Z', 'in 1h30'],
    ['Next update in 1 h 15 min', '2026-03-05T10:45:00.000Z', 'in 1 h 15 min'],
    ['We will share an update by 2pm', '2026-03-05T14:00:00.000Z', 'by 2pm'],
    ['Next update in half an hour', '2026-03-05T10:00:00.000Z', 'in half an hour'],
    ['Next UPDATE BY 10:05 UTC.', '2026-03-05T10:05:00.000Z', 'BY 10:05 UTC'],
    ['Next update by 08:00 (overnight)', '2026-03-06T08:00:00.000Z', 'by 08:00'],
    ['Next update tomorrow at 09:00', '2026-03-06T09:00:00.000Z', 'at 09:00'],
  ])('%s', (text, at, words) => {
    expect(read(text)).toMatchObject({ kind: 'due', at, words });
  });

  it('reads the first phrase, and only one tied to the next update', () => {
    expect(dueAt('Next update in 20 min, or sooner; another update by 11:00')).toBe('2026-03-05T09:50:00.000Z');
    for (const text of [
      'The fix lands in 30 min.',
      'Checkout is down since 09:10.',
      'Update: the fix lands in 30 min',
      'We updated the config in 30 min',
      'Next update by 10',
      'Update 2 of 3 done',
      'Update the 4 servers, then the 6 databases, then the 8 caches, then wait in 30 min',
    ]) {
      expect(read(text)).toBeUndefined();
    }
  });

  it('a clock time is in the crisis zone', () => {
    // 10:30 in Berlin (CET, UTC+1) is 09:30 UTC; 11:00 CET is 10:00 UTC.
    expect(dueAt('Next update by 11:00', 'Europe/Berlin')).toBe('2026-03-05T10:00:00.000Z');
    expect(dueAt('Next update by 11:00 CET', 'Europe/Berlin')).toBe('2026-03-05T10:00:00.000Z');
    expect(dueAt('Next update by 11:00 UTC', 'Europe/Berlin')).toBe('2026-03-05T11:00:00.000Z');
    expect(read('Next update by 11:00 EST', 'Europe/Berlin')).toEqual({
      kind: 'problem',
      words: 'by 11:00 EST',
      why: 'it names the time zone EST, but times here are in Europe/Berlin (CET); give the time in CET or UTC',
    });
    // A lower-case word after the time is not a zone.
    expect(read('We will update by 10:00 but not before')).toMatchObject({ kind: 'due', at: '2026-03-05T10:00:00.000Z', words: 'by 10:00' });
  });

  it('outside 1 minute to 24 hours, or a time just passed, is a problem, not a due time', () => {
    expect(read('Next update in 30 hours')).toEqual({ kind: 'problem', words: 'in 30 hours', why: 'that is 1 day 6 h away, more than 24 hours' });
    expect(read('Next update in 0 min')).toEqual({ kind: 'problem', words: 'in 0 min', why: 'that is less than a minute away' });
    expect(read('Next update by 09:25')).toEqual({ kind: 'problem', words: 'by 09:25', why: '09:25 has passed (it is 09:30 UTC now)' });
    expect(read('Next update by 09:30')).toMatchObject({ kind: 'problem', why: '09:30 has passed (it is 09:30 UTC now)' });
    // Passed more than an hour ago: tomorrow's.
    expect(dueAt('Next update by 08:00')).toBe('2026-03-06T08:00:00.000Z');
    expect(read('Next update in 24 hours')).toMatchObject({ kind: 'due', minutesAhead: 1440 });
    expect(read('Next update tomorrow at 10:00')).toMatchObject({ kind: 'problem', why: 'that is 1 day 30 min away, more than 24 hours' });
  });
});
