/**
 * domain/permissions.ts without Slack: who may give, take or hand over each role, who may edit the
 * timeline, and refusals that name who may (each person once, admins grouped and capped).
 */
import { CrisisError } from '../../src/core/errors';
import { askWhoMay, assertCanChangeRole, assertCanEditTimeline, canChangeRole, canEditTimeline } from '../../src/core/permissions';
import type { Role } from '../../src/core/roles';
import { mrkdwn } from '../../src/slack/views/words';

const crisis = { declaredBy: 'UDECL' };
const holders: Record<Role, string[]> = { lead: ['ULEAD'], spokesperson: ['USPOKE'], info: ['UINFO'], legal: ['ULEGAL'], support: ['USUP'] };
const ADMINS = ['UADMIN'];

function thrown(fn: () => void): CrisisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CrisisError) return err;
    throw err;
  }
  throw new Error('did not throw');
}

describe('giving, taking and handing over roles', () => {
  it('lead, spokesperson and legal: the lead, the declarer and admins, whatever the change', () => {
    for (const role of ['lead', 'spokesperson', 'legal'] as const) {
      for (const who of ['ULEAD', 'UDECL', 'UADMIN']) {
        expect(canChangeRole(crisis, holders, ADMINS, who, { role, adds: ['UX'], relieves: holders[role] })).toBe(true);
        expect(canChangeRole(crisis, holders, ADMINS, who, { role, adds: [], relieves: holders[role] })).toBe(true);
      }
      expect(canChangeRole(crisis, holders, ADMINS, 'UMEMBER', { role, adds: ['UMEMBER'], relieves: holders[role] })).toBe(false);
      expect(canChangeRole(crisis, { ...holders, [role]: [] }, ADMINS, 'UMEMBER', { role, adds: ['UMEMBER'], relieves: [] })).toBe(false);
    }
  });

  it('the holder may hand over (or give up) only their own role', () => {
    expect(canChangeRole(crisis, holders, ADMINS, 'ULEGAL', { role: 'legal', adds: ['UX'], relieves: ['ULEGAL'] })).toBe(true);
    expect(canChangeRole(crisis, holders, ADMINS, 'ULEGAL', { role: 'legal', adds: [], relieves: ['ULEGAL'] })).toBe(true);
    // Not someone else's role, and not a role they do not hold (a stale relieves list).
    expect(canChangeRole(crisis, holders, ADMINS, 'ULEGAL', { role: 'spokesperson', adds: ['UX'], relieves: ['USPOKE'] })).toBe(false);
    expect(canChangeRole(crisis, { ...holders, legal: ['UOTHER'] }, ADMINS, 'ULEGAL', { role: 'legal', adds: ['UX'], relieves: ['ULEGAL'] })).toBe(false);
    expect(canChangeRole(crisis, holders, ADMINS, 'ULEGAL', { role: 'legal', adds: ['UX'], relieves: ['ULEGAL', 'UOTHER'] })).toBe(false);
  });

  it('info and support: anyone', () => {
    expect(canChangeRole(crisis, holders, [], 'UMEMBER', { role: 'info', adds: ['UMEMBER'], relieves: ['UINFO'] })).toBe(true);
    expect(canChangeRole(crisis, holders, [], 'UMEMBER', { role: 'support', adds: [], relieves: ['USUP'] })).toBe(true);
  });

  it('the refusal names the lead, the declarer, the holder and the admins, and says nothing changed', () => {
    const err = thrown(() => assertCanChangeRole(crisis, holders, ADMINS, 'UMEMBER', { role: 'legal', adds: ['UMEMBER'], relieves: ['ULEGAL'] }, 'role_legal'));
    expect(err.code).toBe('forbidden');
    expect(err.field).toBe('role_legal');
    expect(mrkdwn(err.message)).toBe(
      'Only the lead, the person who declared this crisis or a crisis admin can give, take or hand over the legal role; its holder may hand over their own. ' +
        'Ask <@ULEAD> (lead), <@UDECL> (declarer), <@ULEGAL> (legal) or a crisis admin (<@UADMIN>). Nothing changed.',
    );
    const lead = thrown(() => assertCanChangeRole(crisis, holders, [], 'UMEMBER', { role: 'lead', adds: ['UMEMBER'], relieves: ['ULEAD'] }));
    expect(mrkdwn(lead.message)).toBe(
      'Only the lead or the person who declared this crisis can give, take or hand over the lead; its holder may hand over their own. Ask <@ULEAD> (lead) or <@UDECL> (declarer). Nothing changed.',
    );
  });
});

describe('editing the timeline', () => {
  it('the lead, the info gatherers, the declarer and admins; nobody else, other role holders included', () => {
    for (const who of ['ULEAD', 'UINFO', 'UDECL', 'UADMIN']) expect(canEditTimeline(crisis, holders, ADMINS, who)).toBe(true);
    for (const who of ['UMEMBER', 'ULEGAL', 'USPOKE', 'USUP']) expect(canEditTimeline(crisis, holders, ADMINS, who)).toBe(false);
  });

  it('the refusal names them', () => {
    const err = thrown(() => assertCanEditTimeline(crisis, { ...holders, info: ['UINFO', 'UINFO2'] }, [], 'UMEMBER'));
    expect(mrkdwn(err.message)).toBe(
      'Only the lead, the info gatherers or the person who declared this crisis can edit the timeline. Ask <@ULEAD> (lead), <@UINFO> (info gatherer), <@UINFO2> (info gatherer) or <@UDECL> (declarer). Nothing changed.',
    );
  });
});

describe('askWhoMay', () => {
  it('names each person once with all their capacities; an admin already named is marked so', () => {
    expect(mrkdwn(askWhoMay([['U1', 'lead'], ['U1', 'declarer']], ['U1', 'U2']))).toBe('Ask <@U1> (lead, declarer, crisis admin) or a crisis admin (<@U2>).');
  });

  it('names at most five admins and counts the rest', () => {
    const admins = ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A1'];
    expect(mrkdwn(askWhoMay([['U1', 'declarer']], admins))).toBe('Ask <@U1> (declarer) or a crisis admin (<@A1>, <@A2>, <@A3>, <@A4>, <@A5> and 2 more).');
  });
});
