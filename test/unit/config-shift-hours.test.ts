/** CRISIS_SHIFT_HOURS: default 4, decimals allowed, 0 turns shift breaks off, anything else refused by name. */
import { ConfigError, loadConfig } from '../../src/config';
import { shiftMinutes } from '../../src/features/roles/shifts';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };

function problems(value: string): string[] {
  try {
    loadConfig({ ...MINIMAL, CRISIS_SHIFT_HOURS: value });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error(`CRISIS_SHIFT_HOURS=${value} was accepted`);
}

it('defaults to 4 hours, also when set empty', () => {
  expect(loadConfig(MINIMAL).shiftHours).toBe(4);
  expect(loadConfig({ ...MINIMAL, CRISIS_SHIFT_HOURS: ' ' }).shiftHours).toBe(4);
});

it.each([
  ['0', 0],
  ['2.5', 2.5],
  ['0.25', 0.25],
  ['12', 12],
  ['168', 168],
])('reads CRISIS_SHIFT_HOURS=%s as %d hours', (value, hours) => {
  expect(loadConfig({ ...MINIMAL, CRISIS_SHIFT_HOURS: value }).shiftHours).toBe(hours);
});

it.each(['-1', 'four', '4h', '1e3', '169', '2,5', 'NaN', 'Infinity'])('refuses CRISIS_SHIFT_HOURS=%s with what it accepts', (value) => {
  expect(problems(value)).toEqual([
    `CRISIS_SHIFT_HOURS: expected hours from 0 to 168, decimals allowed, such as 4 or 2.5 (0 turns shift breaks off) (got "${value}")`,
  ]);
});

it('turns hours into the minutes of a stint: 0 and unset mean off', () => {
  expect(shiftMinutes(4)).toBe(240);
  expect(shiftMinutes(2.5)).toBe(150);
  expect(shiftMinutes(0.01)).toBe(1);
  expect(shiftMinutes(0)).toBeNull();
  expect(shiftMinutes(undefined)).toBeNull();
});
