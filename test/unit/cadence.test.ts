/** Update cadence: defaults, bounds, when the next update is due, and how durations read. */
import {
  DEFAULT_CADENCE_MINUTES,
  formatMinutes,
  isEscalation,
  MAX_CADENCE_MINUTES,
  MIN_CADENCE_MINUTES,
  nextDueAt,
  SNOOZE_CHOICES_MINUTES,
  updateDueAt,
  validateCadence,
  validateSnooze,
} from '../../src/core/cadence';
import { CrisisError } from '../../src/core/errors';

describe('defaults by severity (CONTRACT.md)', () => {
  it('sev1 30 min, sev2 60 min, sev3 4 h, sev4 24 h', () => {
    expect(DEFAULT_CADENCE_MINUTES).toEqual({ sev1: 30, sev2: 60, sev3: 240, sev4: 1440 });
  });
});

describe('validateCadence', () => {
  it('accepts 1 minute to 24 hours', () => {
    expect(MIN_CADENCE_MINUTES).toBe(1);
    expect(MAX_CADENCE_MINUTES).toBe(1440);
    for (const minutes of [1, 15, 90, 1440]) expect(validateCadence(minutes)).toBe(minutes);
  });

  it.each([0, -5, 1441, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %p, saying the range', (minutes) => {
    let err: unknown;
    try {
      validateCadence(minutes);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CrisisError);
    expect((err as CrisisError).code).toBe('bad_input');
    expect((err as CrisisError).message).toContain('between 1 minute and 24 hours');
  });
});

describe('nextDueAt', () => {
  const last = '2024-05-14T10:00:00.000Z';

  it('is the last update plus the cadence', () => {
    expect(nextDueAt(last, 30, new Date('2024-05-14T10:05:00Z'))).toBe('2024-05-14T10:30:00.000Z');
    expect(nextDueAt(last, 1440, new Date('2024-05-14T10:05:00Z'))).toBe('2024-05-15T10:00:00.000Z');
  });

  it('is now when the cadence is already overrun, never in the past', () => {
    const now = new Date('2024-05-14T11:17:00Z');
    expect(nextDueAt(last, 30, now)).toBe('2024-05-14T11:17:00.000Z');
  });

  it('exactly at the due moment is that moment', () => {
    expect(nextDueAt(last, 60, new Date('2024-05-14T11:00:00Z'))).toBe('2024-05-14T11:00:00.000Z');
  });
});

describe('validateSnooze', () => {
  it('accepts the lengths the reminder offers and refuses anything else as bad input', () => {
    expect(SNOOZE_CHOICES_MINUTES).toEqual([15, 30]);
    for (const minutes of SNOOZE_CHOICES_MINUTES) expect(validateSnooze(minutes)).toBe(minutes);
    for (const minutes of [0, 5, 20, 45, -15, 15.5, Number.NaN]) {
      let err: unknown;
      try {
        validateSnooze(minutes);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CrisisError);
      expect(err).toMatchObject({ code: 'bad_input', message: 'Snooze for 15 or 30 minutes.' });
    }
  });
});

describe('updateDueAt', () => {
  it('an update after a reminder and a snooze was due at the reminder, not at the snooze', () => {
    // Due 11:00, reminded 11:00, snoozed until 11:17 (which reset the escalation counter).
    const state = { lastUpdateAt: '2024-05-14T10:00:00.000Z', nextDueAt: '2024-05-14T11:17:00.000Z', remindersSinceUpdate: 0, lastRemindedAt: '2024-05-14T11:00:00.000Z' };
    expect(updateDueAt(state)).toBe('2024-05-14T11:00:00.000Z');
  });

  it('with no reminder since the last update it is next_due_at', () => {
    expect(updateDueAt({ lastUpdateAt: '2024-05-14T10:00:00.000Z', nextDueAt: '2024-05-14T11:00:00.000Z', lastRemindedAt: null })).toBe('2024-05-14T11:00:00.000Z');
  });
});

describe('isEscalation', () => {
  it('the first reminder is a nudge; any after an ignored one escalates', () => {
    expect(isEscalation(0)).toBe(false);
    expect(isEscalation(1)).toBe(true);
    expect(isEscalation(5)).toBe(true);
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, 'less than a minute'],
    [0.4, 'less than a minute'],
    [-3, 'less than a minute'],
    [1, '1 min'],
    [45, '45 min'],
    [60, '1 h'],
    [90, '1 h 30 min'],
    [240, '4 h'],
    [1440, '24 h'],
    [1500, '1 day 1 h'],
    [2880, '2 days'],
    [2881, '2 days 1 min'],
  ])('%p minutes read "%s"', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
