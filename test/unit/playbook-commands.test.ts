/**
 * Issue 10, the grammar: `declare`/`drill` with `private`, a severity and a `<type>:` (the colon
 * rule), and `deadlines` / `deadline start|done|add` with their times and durations. Pure: the
 * parser does not know the playbooks, so a type is only read here; the service refuses unknown ones.
 */
import { crisisChannelName } from '../../src/core/crisis';
import { parsedCommand, parseRefusal } from '../helpers/parsed';

const ok = parsedCommand;
const refused = parseRefusal;

describe('declare and drill', () => {
  it('read `private`, a severity (either order) and a type before the title', () => {
    expect(ok('declare private sev1 breach: Customer data exposed')).toEqual({ kind: 'declare', isPrivate: true, severity: 'sev1', type: 'breach', title: 'Customer data exposed' });
    expect(ok('declare SEV3 Private Recall: Kettle K2')).toEqual({ kind: 'declare', isPrivate: true, severity: 'sev3', type: 'recall', title: 'Kettle K2' });
    expect(ok('drill recall: Kettle K2 overheating')).toEqual({ kind: 'drill', isPrivate: false, type: 'recall', title: 'Kettle K2 overheating' });
    expect(ok('drill sev4 Tabletop exercise')).toEqual({ kind: 'drill', isPrivate: false, severity: 'sev4', title: 'Tabletop exercise' });
  });

  it('take a first word ending in a colon as the type, whatever it says; a colon later in the title is title', () => {
    expect(ok('declare Checkout: payments failing')).toEqual({ kind: 'declare', isPrivate: false, type: 'checkout', title: 'payments failing' });
    expect(ok('declare other: Checkout: payments failing')).toEqual({ kind: 'declare', isPrivate: false, type: 'other', title: 'Checkout: payments failing' });
    expect(ok('declare Payments down: EU only')).toEqual({ kind: 'declare', isPrivate: false, title: 'Payments down: EU only' });
    expect(ok('declare 10:30 outage at the warehouse')).toEqual({ kind: 'declare', isPrivate: false, title: '10:30 outage at the warehouse' });
    // `private` and a severity are options once each; a second one is the title's.
    expect(ok('declare private private jet grounded')).toEqual({ kind: 'declare', isPrivate: true, title: 'private jet grounded' });
  });

  it('refuse a type with no title, a bad severity, and a bare drill', () => {
    expect(refused('declare breach:')).toBe('A crisis needs a title after its type, e.g. `/crisis declare sev1 Checkout payments failing`.');
    expect(refused('drill sev7 recall: x')).toContain('`sev7` is not a severity.');
    expect(refused('drill')).toContain('A drill needs a title, e.g. `/crisis drill sev2 recall: Kettle K2 overheating`.');
  });

  it('name a drill\'s channel drill-…, and a private crisis\'s without its title', () => {
    const at = new Date('2026-03-05T09:00:00Z');
    expect(crisisChannelName('Kettle K2 overheating', at, 'UTC', 1, { drill: true })).toBe('drill-20260305-kettle-k2-overheating');
    expect(crisisChannelName('Customer data exposed', at, 'UTC', 2, { isPrivate: true })).toBe('crisis-20260305-private-2');
    expect(crisisChannelName('Customer data exposed', at, 'UTC', 1, { isPrivate: true, drill: true })).toBe('drill-20260305-private');
  });
});

describe('deadline clocks', () => {
  it('deadlines, done and start with a time or a date and a time (zero-padded)', () => {
    expect(ok('deadlines')).toEqual({ kind: 'deadlines' });
    expect(ok('deadline done Authority')).toEqual({ kind: 'deadline_done', clockId: 'authority' });
    expect(ok('deadline start regulator')).toEqual({ kind: 'deadline_start', clockId: 'regulator' });
    expect(ok('deadline start regulator 9:05')).toEqual({ kind: 'deadline_start', clockId: 'regulator', time: '09:05' });
    expect(ok('deadline start d1 2026-03-04 22:15')).toEqual({ kind: 'deadline_start', clockId: 'd1', date: '2026-03-04', time: '22:15' });
  });

  it('add: a label and `in <N>m|h|d`, the last "in" counts', () => {
    expect(ok('deadline add Call the insurer in 4h')).toEqual({ kind: 'deadline_add', label: 'Call the insurer', minutes: 240 });
    expect(ok('deadline add Check in with the DPO in 3 days')).toEqual({ kind: 'deadline_add', label: 'Check in with the DPO', minutes: 4320 });
    expect(ok('deadline add R&amp;D sign-off in 90m')).toEqual({ kind: 'deadline_add', label: 'R&D sign-off', minutes: 90 });
  });

  it('refuse bad times, dates, durations and ids, saying what is accepted', () => {
    expect(refused('deadline start x 25:99')).toBe('`25:99` is not a time. Give the time as `HH:MM` (00:00 to 23:59, in the crisis time zone) or a date and a time, `YYYY-MM-DD HH:MM`, e.g. `/crisis deadline start authority 2026-03-04 22:15`. Nothing changed.');
    expect(refused('deadline start x 2026-02-29 10:00')).toContain('`2026-02-29` is not a date.');
    expect(refused('deadline start x 2026-03-01 10:00 UTC')).toContain('`2026-03-01 10:00 UTC` is not a start time.');
    expect(refused('deadline start')).toContain('Which clock? `/crisis deadline start &lt;id&gt;`');
    expect(refused('deadline done a b')).toBe('Mark one clock at a time, e.g. `/crisis deadline done authority`. Nothing changed.');
    expect(refused('deadline done <@U1>')).toContain('is not a clock id.');
    expect(refused('deadline add in 4h')).toContain('Say when it is due.');
    expect(refused('deadline add Call in 4w')).toContain('`4w` is not a duration.');
    expect(refused('deadline add Call in 0m')).toContain('A clock must run at least 1 minute.');
    expect(refused('deadline add Call in 91d')).toContain('A clock runs at most 90 days.');
    expect(refused(`deadline add ${'x'.repeat(151)} in 1h`)).toContain('That label is 151 characters; keep it to 150 or fewer.');
    expect(refused('deadlines now')).toBe('`/crisis deadlines` takes nothing after it.');
  });
});
