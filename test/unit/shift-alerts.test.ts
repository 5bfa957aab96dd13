/**
 * Shift breaks on the scheduled-alert tick, at the service level (in-memory SQLite, fake ports):
 * one offer per stint, none once the stint ended (handover, unassign) or the crisis resolved, a
 * new stint after a reopening, the same after the services are rebuilt over the same database,
 * a failed DM retried without ever doubling it, nothing at all when CRISIS_SHIFT_HOURS is 0.
 */
import { addMinutes } from '../../src/core/cadence';
import type { Crisis } from '../../src/core/crisis';
import { silentLogger } from '../../src/logger';
import { createServices } from '../../src/app/services';
import { ExternalCallError } from '../../src/core/ports';
import { shippedPlaybooks } from '../helpers/playbooks';
import { FakePeopleNotifier, RecordingHome } from '../helpers/people-fakes';
import { ADMIN, BOT, LEAD, MEMBER, START, startServices, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { escapeKeepingMentions } from '../../src/slack/views/blocks';

const CAROL = 'U0CAROL';
let f: Fixture<Db | PostgresSyncDatabase>;
let people: FakePeopleNotifier;
let home: RecordingHome;
let crisis: Crisis;

const at = (minutes: number): string => addMinutes(START, minutes);

async function tickAt(minutes: number): Promise<number> {
  f.clock.set(at(minutes));
  return (await f.services.alerts.tick()).sent;
}

function shiftRows(): string[] {
  return f.store.timeline.list(crisis.id).filter((e) => e.kind === 'shift_break').map((e) => escapeKeepingMentions(e.text));
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(async () => {
    f = startServicesOn(testStore(), { shiftHours: 4 });
    people = new FakePeopleNotifier();
    home = new RecordingHome();
    f.services.deps.people = { notifier: people, home };
    crisis = await f.declare();
  });

  it('offers the lead one break four hours after the declaration, and tells the lead in the channel', async () => {
    expect(await tickAt(239)).toBe(0);
    expect(await tickAt(240)).toBe(1);
    expect(people.breaks).toEqual([{ crisisId: crisis.id, shift: { userId: LEAD, role: 'lead', minutesHeld: 240, leadIds: [LEAD] } }]);
    expect(people.notices).toHaveLength(1);
    expect(shiftRows()).toEqual([`<@${LEAD}> offered a break after 4 h as crisis lead; the lead was told`]);
    // Once per stint: later ticks, however late, send nothing more.
    expect(await tickAt(241)).toBe(0);
    expect(await tickAt(24 * 60)).toBe(0);
    expect(people.breaks).toHaveLength(1);
  });

  it('gives each stint its own offer: a handover ends one and starts the next', async () => {
    f.clock.set(at(60));
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'spokesperson');
    f.clock.set(at(200));
    await f.services.handover.handOver(crisis, MEMBER, { toUserId: CAROL, role: 'spokesperson', note: 'All yours' });
    // MEMBER's stint (due at 300) ended at 200; CAROL's is due at 440.
    expect(await tickAt(300)).toBe(1);
    expect(people.breaks.map((b) => b.shift.userId)).toEqual([LEAD]);
    expect(await tickAt(439)).toBe(0);
    expect(await tickAt(440)).toBe(1);
    expect(people.breaks.map((b) => [b.shift.userId, b.shift.role, b.shift.minutesHeld])).toEqual([
      [LEAD, 'lead', 300],
      [CAROL, 'spokesperson', 240],
    ]);
    // Unassigned before it fell due: no offer. Assigned again: a new stint, a new offer.
    f.clock.set(at(500));
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'info');
    f.clock.set(at(600));
    await f.services.roles.unassign(crisis, LEAD, MEMBER, 'info');
    expect(await tickAt(740)).toBe(0);
    f.clock.set(at(800));
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'info');
    expect(await tickAt(1040)).toBe(1);
    expect(people.breaks.map((b) => b.shift.userId)).toEqual([LEAD, CAROL, MEMBER]);
  });

  it('never offers a break after the resolution; a reopening starts new stints for those still holding roles', async () => {
    f.clock.set(at(60));
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'legal');
    f.clock.set(at(120));
    await f.services.resolve.resolve(crisis, LEAD, 'Fixed');
    expect(f.store.alerts.ofCrisis(crisis.id).filter((a) => a.state === 'pending')).toEqual([]);
    expect(await tickAt(24 * 60)).toBe(0);
    expect(people.breaks).toEqual([]);

    f.clock.set(at(26 * 60));
    await f.services.resolve.reopen(crisis, LEAD);
    expect(await tickAt(30 * 60 - 1)).toBe(0);
    expect(await tickAt(30 * 60)).toBe(2);
    expect(people.breaks.map((b) => [b.shift.userId, b.shift.minutesHeld]).sort()).toEqual([
      [LEAD, 240],
      [MEMBER, 240],
    ]);
  });

  it('survives a restart: the offer is a row, sent once by services built again over the same database', async () => {
    f.clock.set(at(10));
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'support');
    const again = createServices({
      store: f.store,
      clock: f.clock,
      notifier: f.notifier,
      logger: silentLogger,
      settings: { timeZone: 'UTC', announceChannel: undefined, admins: [ADMIN], botUserId: BOT, shiftHours: 4 },
      playbooks: shippedPlaybooks(),
      people: { notifier: people },
    });
    // Down from 1 h to 10 h: one catch-up each, for the lead and the support rep.
    f.clock.set(at(600));
    expect((await again.alerts.tick()).sent).toBe(2);
    expect((await again.alerts.tick()).sent).toBe(0);
    expect((await f.services.alerts.tick()).sent).toBe(0);
    expect(people.breaks.map((b) => b.shift.userId).sort()).toEqual([LEAD, MEMBER].sort());
  });

  it('retries a DM Slack refused on the next tick, and a notice that failed never doubles the DM', async () => {
    people.failBreak = new ExternalCallError('chat.postMessage', 'ratelimited', 'Slack is rate-limiting the bot right now.');
    expect(await tickAt(240)).toBe(0);
    expect(people.breaks).toEqual([]);
    people.failBreak = undefined;
    people.failNotice = new ExternalCallError('chat.postMessage', 'not_in_channel', 'The bot is not in that channel.');
    expect(await tickAt(241)).toBe(1);
    expect(await tickAt(242)).toBe(0);
    expect(people.breaks).toHaveLength(1);
    expect(people.notices).toHaveLength(0);
    expect(shiftRows()).toHaveLength(1);
  });

  it('plans nothing when CRISIS_SHIFT_HOURS is 0', async () => {
    const off = startServices({ shiftHours: 0 });
    off.services.deps.people = { notifier: people };
    const other = await off.declare();
    await off.services.roles.assign(other, LEAD, MEMBER, 'spokesperson');
    expect(off.store.alerts.ofCrisis(other.id).filter((a) => a.kind === 'shift_break')).toEqual([]);
    off.clock.set(addMinutes(START, 7 * 24 * 60));
    expect((await off.services.alerts.tick()).sent).toBe(0);
    off.close();
  });

  it('tells the Home whose part changed: an assignment, a tick, an action, a resolution', async () => {
    home.take();
    await f.services.roles.assign(crisis, LEAD, MEMBER, 'spokesperson');
    expect(home.take()).toEqual([MEMBER]);
    const [assignment] = f.store.roles.active(crisis.id).filter((a) => a.userId === MEMBER);
    f.services.checklists.tick(assignment?.id ?? 0, MEMBER, [0]);
    expect(home.take()).toEqual([MEMBER]);
    // Ticking nothing new tells nobody.
    f.services.checklists.tick(assignment?.id ?? 0, MEMBER, [0]);
    expect(home.take()).toEqual([]);
    const action = await f.services.timeline.addAction(crisis, LEAD, 'Call the insurer', CAROL);
    expect(home.take()).toEqual([CAROL]);
    f.services.timeline.setActionDone(action.id, CAROL, true);
    expect(home.take()).toEqual([CAROL]);
    await f.services.handover.handOver(crisis, MEMBER, { toUserId: CAROL, role: 'spokesperson', note: '' });
    expect(home.take()).toEqual([CAROL, MEMBER].sort());
    await f.services.resolve.resolve(crisis, LEAD, 'Fixed');
    expect(home.take()).toEqual([CAROL, LEAD].sort());
  });
});
