/**
 * The repair of declares cut short, over a real SQLite store and a recording notifier: a declare
 * still in progress in this process is never touched; after a restart (new services on the same
 * database) a stored crisis whose Slack steps never ran gets exactly what it misses, once; the
 * first holders from the form that are missing are assigned without replacing anyone.
 */
import { silentLogger } from '../../src/logger';
import { createServices } from '../../src/app/services';
import type { Services } from '../../src/core/services';
import type { Announcement } from '../../src/core/ports';
import type { ChecklistMessage } from '../../src/features/roles/roles-ports';
import type { DeclareRepairNotice } from '../../src/features/crisis/crisis-ports';
import { shippedPlaybooks } from '../helpers/playbooks';
import { LEAD, MEMBER, RecordingNotifier, startServices, type Fixture } from './services-fixture';

const SUPPORT = 'U0SUPPORT';
const ANNOUNCE = 'C0ANNOUNCE';

class RepairNotifier extends RecordingNotifier {
  readonly pins: string[] = [];
  readonly checklists: string[] = [];
  readonly told: Array<{ userId: string; notice: DeclareRepairNotice }> = [];
  /** While set, announcing waits on it: the process is "inside" the declare's last steps. */
  hold: Promise<void> | undefined;

  override async pin(_channelId: string, ts: string): Promise<void> {
    this.pins.push(ts);
  }
  override async announce(announcement: Announcement): Promise<string | undefined> {
    await this.hold;
    await super.announce(announcement);
    return `9.${this.announcements.length}`;
  }
  override async sendChecklist(message: ChecklistMessage): Promise<{ channelId: string; ts: string }> {
    this.checklists.push(`${message.assignment.role}:${message.assignment.userId}`);
    return { channelId: 'D1', ts: `8.${this.checklists.length}` };
  }
  override async tellDeclarer(userId: string, notice: DeclareRepairNotice): Promise<void> {
    this.told.push({ userId, notice });
  }
}

/** The same database after a restart: new services, nothing in progress. */
function restarted(f: Fixture, notifier: RepairNotifier): Services {
  return createServices({
    store: f.store,
    clock: f.clock,
    notifier,
    logger: silentLogger,
    settings: { timeZone: 'UTC', announceChannel: ANNOUNCE, admins: [], botUserId: 'U0BOT' },
    playbooks: shippedPlaybooks(),
  });
}

const states = (f: Fixture): unknown[] => f.db.prepare('SELECT state FROM declare_attempts ORDER BY id').all().map((r) => (r as { state: string }).state);

describe('repairing a declare cut short', () => {
  let f: Fixture;
  let first: RepairNotifier;
  afterEach(() => f.close());

  it('leaves a declare still in progress here alone, and after a restart finishes it: what is missing, once, and the declarer told', async () => {
    first = new RepairNotifier();
    let release: () => void = () => {};
    first.hold = new Promise<void>((resolve) => (release = resolve));
    f = startServices({ announceChannel: ANNOUNCE }, first);
    const declaring = f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Checkout down', severity: 'sev1', firstRoles: { support: [SUPPORT] } });
    // The crisis is stored; its announcement is still out.
    for (let i = 0; i < 100 && f.store.crises.countOpen() === 0; i += 1) await new Promise((resolve) => setImmediate(resolve));
    const crisis = f.store.crises.listOpen()[0];
    if (!crisis) throw new Error('not stored');
    expect(states(f)).toEqual(['stored']);
    expect(await f.services.declareRepair.tick()).toEqual({ finished: 0, undone: 0, failed: 0 });

    // The process "dies" here: nothing after the announcement's start is recorded. A new one starts.
    const second = new RepairNotifier();
    const services = restarted(f, second);
    expect(await services.declareRepair.tick()).toEqual({ finished: 1, undone: 0, failed: 0 });
    expect(second.pins).toEqual([crisis.cardTs]);
    expect(second.announcements).toEqual(['declared']);
    // The lead's checklist and the support holder went out from the first process already.
    expect(second.checklists).toEqual([]);
    expect(second.told.map((t) => [t.userId, t.notice.kind])).toEqual([[LEAD, 'finished']]);
    expect(f.store.crises.get(crisis.id).announceTs).toBe('9.1');
    expect(states(f)).toEqual(['finished']);
    // Nothing is done twice.
    expect(await services.declareRepair.tick()).toEqual({ finished: 0, undone: 0, failed: 0 });
    expect(second.announcements).toEqual(['declared']);

    // The first process's declare, had it lived on, ends without undoing anything.
    release();
    await declaring;
    expect(states(f)).toEqual(['finished']);
  });

  it('sends what is missing (the checklist, first holders) and never replaces a holder set since', async () => {
    first = new RepairNotifier();
    f = startServices({ announceChannel: ANNOUNCE }, first);
    const crisis = (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Checkout down', severity: 'sev2', firstRoles: { support: [SUPPORT], spokesperson: [SUPPORT] } })).crisis;
    // As if the process died right after storing the crisis: no checklist, no first holders, and a
    // spokesperson named since by the lead.
    f.db.prepare(`UPDATE declare_attempts SET state = 'stored'`).run();
    f.db.prepare('UPDATE role_assignments SET dm_channel_id = NULL, dm_ts = NULL').run();
    for (const a of f.store.roles.active(crisis.id).filter((x) => x.role !== 'lead')) f.db.prepare('UPDATE role_assignments SET relieved_at = ?, relieved_by = ? WHERE id = ?').run(f.clock.now().toISOString(), LEAD, a.id);
    await f.services.roles.applyRoster(crisis, LEAD, { spokesperson: [MEMBER] });

    const second = new RepairNotifier();
    expect(await restarted(f, second).declareRepair.tick()).toEqual({ finished: 1, undone: 0, failed: 0 });
    const holders = f.services.snapshot(f.store.crises.get(crisis.id)).holders;
    expect(holders.support).toEqual([SUPPORT]);
    expect(holders.spokesperson).toEqual([MEMBER]);
    expect(second.checklists).toEqual(expect.arrayContaining([`lead:${LEAD}`, `support:${SUPPORT}`]));
    // Announced by the declare itself before the "crash": not again.
    expect(second.announcements).toEqual([]);
  });
});
