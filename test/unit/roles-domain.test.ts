/** Roles: names and aliases, current holders, and who held a role at a given moment (issue 3). */
import { CrisisError } from '../../src/core/errors';
import { currentHolders, holdersAt, parseRole, roleFromName, type Role, type RoleAssignment } from '../../src/core/roles';

let nextId = 1;

/** One holding of `role` by `userId` from `from` to `to` (HH:MM on the crisis day, UTC; null = still holding). */
function held(role: Role, userId: string, from: string, to: string | null): RoleAssignment {
  return {
    id: nextId++,
    crisisId: 1,
    role,
    userId,
    assignedBy: 'ULEAD',
    assignedAt: at(from),
    relievedAt: to === null ? null : at(to),
    relievedBy: to === null ? null : 'ULEAD',
  };
}

function at(hhmm: string): string {
  return `2024-05-14T${hhmm}:00.000Z`;
}

describe('parseRole', () => {
  it.each([
    ['lead', 'lead'],
    ['commander', 'lead'],
    ['spokesperson', 'spokesperson'],
    ['comms', 'spokesperson'],
    ['info', 'info'],
    ['info-gatherer', 'info'],
    ['legal', 'legal'],
    ['compliance', 'legal'],
    ['support', 'support'],
    ['support-rep', 'support'],
    ['  Compliance ', 'legal'],
    ['SUPPORT-REP', 'support'],
  ])('%j is %s', (raw, role) => {
    expect(parseRole(raw)).toBe(role);
    expect(roleFromName(raw)).toBe(role);
  });

  it('refuses an unknown role, listing every role and alias', () => {
    let err: unknown;
    try {
      parseRole('boss');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CrisisError);
    expect((err as CrisisError).code).toBe('bad_input');
    expect((err as CrisisError).message).toBe(
      '`boss` is not a role. Roles: `lead` (`commander`), `spokesperson` (`comms`), `info` (`info-gatherer`), `legal` (`compliance`), `support` (`support-rep`).',
    );
  });

  it('names every object inherits are not roles', () => {
    for (const raw of ['constructor', '__proto__', 'toString', 'valueOf', '']) {
      expect(roleFromName(raw)).toBeUndefined();
      expect(() => parseRole(raw)).toThrow(CrisisError);
    }
  });
});

describe('currentHolders', () => {
  it('lists every role, empty ones as empty arrays', () => {
    expect(currentHolders([])).toEqual({ lead: [], spokesperson: [], info: [], legal: [], support: [] });
  });

  it('keeps open holdings in order, skips relieved ones and duplicates', () => {
    const holders = currentHolders([
      held('lead', 'UALICE', '10:00', null),
      held('spokesperson', 'UBOB', '10:00', '10:30'),
      held('spokesperson', 'UCAROL', '10:30', null),
      held('support', 'UDAVE', '10:05', null),
      held('support', 'UERIN', '10:06', null),
      held('support', 'UDAVE', '10:07', null),
    ]);
    expect(holders).toEqual({ lead: ['UALICE'], spokesperson: ['UCAROL'], info: [], legal: [], support: ['UDAVE', 'UERIN'] });
  });
});

describe('holdersAt: who held spokesperson at 10:42?', () => {
  // Alice 10:00–10:30, Bob 10:30–10:50, Carol 10:50 onwards; meanwhile others come and go in other roles.
  const history = [
    held('lead', 'UALICE', '09:55', null),
    held('spokesperson', 'UALICE', '10:00', '10:30'),
    held('spokesperson', 'UBOB', '10:30', '10:50'),
    held('legal', 'UBOB', '10:35', null),
    held('spokesperson', 'UCAROL', '10:50', null),
    held('support', 'UDAVE', '10:10', '10:45'),
    held('support', 'UERIN', '10:20', null),
  ];

  it('is Bob at 10:42, between two handovers', () => {
    expect(holdersAt(history, 'spokesperson', at('10:42'))).toEqual(['UBOB']);
  });

  it('at exactly a handover instant it is the new holder, not both', () => {
    expect(holdersAt(history, 'spokesperson', at('10:30'))).toEqual(['UBOB']);
    expect(holdersAt(history, 'spokesperson', at('10:50'))).toEqual(['UCAROL']);
  });

  it('a millisecond before a handover it is still the old holder', () => {
    expect(holdersAt(history, 'spokesperson', '2024-05-14T10:29:59.999Z')).toEqual(['UALICE']);
  });

  it('is nobody before the first assignment', () => {
    expect(holdersAt(history, 'spokesperson', at('09:59'))).toEqual([]);
  });

  it('is the last holder after the last handover, however late', () => {
    expect(holdersAt(history, 'spokesperson', at('23:59'))).toEqual(['UCAROL']);
  });

  it('does not mix up roles, and multi-holder roles give everyone holding then', () => {
    expect(holdersAt(history, 'legal', at('10:42'))).toEqual(['UBOB']);
    expect(holdersAt(history, 'support', at('10:42'))).toEqual(['UDAVE', 'UERIN']);
    expect(holdersAt(history, 'support', at('10:45'))).toEqual(['UERIN']);
    expect(holdersAt(history, 'info', at('10:42'))).toEqual([]);
  });
});
