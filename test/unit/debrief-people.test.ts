/** The debrief's people: time in role per person and the longest stint, in the file and the channel summary. */
import type { Crisis } from '../../src/core/crisis';
import { buildDebrief } from '../../src/features/record/debrief';
import { debriefPeople } from '../../src/features/roles/debrief-people';
import type { RoleAssignment } from '../../src/core/roles';
import { buildDebriefBlocks } from '../../src/features/record/slack/debrief-view';

const crisis: Crisis = {
  id: 1,
  teamId: 'T1',
  channelId: 'C1',
  channelName: 'crisis-20261126-checkout',
  title: 'Checkout down',
  type: 'outage',
  severity: 'sev1',
  status: 'resolved',
  customerImpact: '',
  declaredBy: 'U1',
  declaredAt: '2026-11-26T09:00:00.000Z',
  resolvedAt: '2026-11-26T17:00:00.000Z',
  resolutionSummary: 'Fixed',
  cardTs: null,
  announceChannelId: null,
  announceTs: null,
  isPrivate: false,
  isDrill: false,
};

function holding(id: number, role: RoleAssignment['role'], userId: string, from: string, to: string | null): RoleAssignment {
  return { id, crisisId: 1, role, userId, assignedBy: 'U1', assignedAt: `2026-11-26T${from}:00.000Z`, relievedAt: to ? `2026-11-26T${to}:00.000Z` : null, relievedBy: to ? 'U1' : null };
}

// U1 leads all day (8 h, to the resolution). U2 is spokesperson 09:10–14:40 (5 h 30), then info to the end (2 h 20).
// U3 takes over spokesperson 14:40 to the end (2 h 20).
const assignments = [
  holding(1, 'lead', 'U1', '09:00', null),
  holding(2, 'spokesperson', 'U2', '09:10', '14:40'),
  holding(3, 'spokesperson', 'U3', '14:40', null),
  holding(4, 'info', 'U2', '14:40', null),
];

it('adds up each person\'s time across roles and finds the longest stint', () => {
  const report = buildDebrief({ crisis, events: [], assignments, checklist: [], actions: [], lessons: [], now: new Date('2026-11-27T09:00:00Z'), timeZone: 'UTC' });
  expect(report.people?.people).toEqual([
    { userId: 'U1', minutes: 480, byRole: [{ role: 'lead', minutes: 480 }], stints: 1 },
    { userId: 'U2', minutes: 470, byRole: [{ role: 'spokesperson', minutes: 330 }, { role: 'info', minutes: 140 }], stints: 2 },
    { userId: 'U3', minutes: 140, byRole: [{ role: 'spokesperson', minutes: 140 }], stints: 1 },
  ]);
  expect(report.people?.longest).toEqual({ userId: 'U1', role: 'lead', from: '2026-11-26T09:00:00.000Z', to: null, minutes: 480 });

  const names: Record<string, string> = { U1: 'Alice', U2: 'Bob', U3: 'Carol' };
  const named = buildDebrief({ crisis, events: [], assignments, checklist: [], actions: [], lessons: [], now: new Date('2026-11-27T09:00:00Z'), timeZone: 'UTC', nameOf: (id) => names[id] ?? id });
  expect(named.markdown).toContain(
    ['## Time in role', '', '- Alice: 8 h as crisis lead', '- Bob: 7 h 50 min (spokesperson 5 h 30 min, info gatherer 2 h 20 min)', '- Carol: 2 h 20 min as spokesperson', '', 'Longest stint: Alice as crisis lead, 8 h without a handover (2026-11-26 09:00 – resolution).'].join('\n'),
  );

  const summary = JSON.stringify(buildDebriefBlocks(report, 'UTC'));
  expect(summary).toContain('*Time in role*');
  expect(summary).toContain('Longest stint: <@U1> as crisis lead, 8 h without a handover (2026-11-26 09:00 – resolution)');
});

it('counts one person\'s two stints of the same role, and says nobody held one when nobody did', () => {
  const again = debriefPeople([{ role: 'support', holdings: [
    { userId: 'U4', from: '2026-11-26T09:00:00.000Z', to: '2026-11-26T10:00:00.000Z', minutes: 60 },
    { userId: 'U4', from: '2026-11-26T12:00:00.000Z', to: '2026-11-26T12:30:00.000Z', minutes: 30 },
  ] }]);
  expect(again.people).toEqual([{ userId: 'U4', minutes: 90, byRole: [{ role: 'support', minutes: 90 }], stints: 2 }]);
  expect(again.longest?.minutes).toBe(60);
  expect(debriefPeople([{ role: 'lead', holdings: [] }])).toEqual({ people: [], longest: null });
});
