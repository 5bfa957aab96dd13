/**
 * Services given a crisis read before something changed it (listeners read the crisis, then await
 * their ack): each state-changing method must judge by the crisis as stored now, so a resolved
 * crisis is never silently reopened and a change is never recorded twice.
 */
import { ADMIN, LEAD, MEMBER, rejection, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { mrkdwn } from '../../src/slack/views/words';

let f: Fixture<Db | PostgresSyncDatabase>;

function kinds(crisisId: number): string[] {
  return f.store.timeline.list(crisisId).map((e) => e.kind);
}

/** Declares a crisis, keeps the object as a listener would have read it, then resolves it. */
async function resolvedBehindTheBack() {
  const stale = await f.declare();
  f.clock.advanceMinutes(10);
  await f.services.resolve.resolve(stale, LEAD, 'Rolled back');
  return stale;
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('a resolved crisis read before the resolve', () => {
    it('is not reopened by a status change', async () => {
      const stale = await resolvedBehindTheBack();
      expect(stale.status).toBe('investigating');

      const err = await rejection(f.services.updates.setStatus(stale, LEAD, 'identified'));
      expect(err.code).toBe('conflict');
      expect(err.message).toContain('This crisis is resolved');

      const now = f.store.crises.get(stale.id);
      expect(now.status).toBe('resolved');
      expect(now.resolvedAt).toBe('2026-11-26T09:10:00.000Z');
      expect(f.store.reminders.get(stale.id)?.enabled).toBe(false);
      expect(f.store.crises.listOpen().map((c) => c.id)).not.toContain(stale.id);
      expect(kinds(stale.id)).not.toContain('status_changed');
      // …so it can still be reopened, which a half-reopened crisis refused.
      await expect(f.services.resolve.reopen(stale, LEAD)).resolves.toMatchObject({ message: expect.stringContaining('Reopened') });
    });

    it('keeps its severity', async () => {
      const stale = await resolvedBehindTheBack();
      const err = await rejection(f.services.updates.setSeverity(stale, LEAD, 'sev1'));
      expect(err.code).toBe('conflict');
      expect(f.store.crises.get(stale.id).severity).toBe('sev2');
      expect(kinds(stale.id)).not.toContain('severity_changed');
    });

    it('gets no new role holder', async () => {
      const stale = await resolvedBehindTheBack();
      const err = await rejection(f.services.roles.assign(stale, LEAD, MEMBER, 'spokesperson'));
      expect(err.code).toBe('conflict');
      expect(err.message).toContain('reopen');
      expect(f.store.roles.history(stale.id).map((a) => a.userId)).toEqual([LEAD]);
    });

    it('gets no roster and no reminders back', async () => {
      const stale = await resolvedBehindTheBack();
      expect((await rejection(f.services.roles.applyRoster(stale, LEAD, { info: [MEMBER] }))).code).toBe('conflict');
      expect((await rejection(f.services.updates.setCadence(stale, LEAD, 30))).code).toBe('conflict');
      expect(f.store.reminders.get(stale.id)?.enabled).toBe(false);
      expect(f.store.roles.active(stale.id)).toHaveLength(1);
    });
  });

  describe('an open crisis read before another change', () => {
    it('a status change starts from the status stored now, and the same change is not recorded twice', async () => {
      const stale = await f.declare();
      await f.services.updates.setStatus(stale, MEMBER, 'identified');

      expect((await rejection(f.services.updates.setStatus(stale, LEAD, 'identified'))).code).toBe('already_done');
      await f.services.updates.setStatus(stale, LEAD, 'monitoring');

      const changes = f.store.timeline.list(stale.id).filter((e) => e.kind === 'status_changed');
      expect(changes.map((e) => [e.text, e.data])).toEqual([
        ['Status: Investigating → Identified', { from: 'investigating', to: 'identified' }],
        ['Status: Identified → Monitoring', { from: 'identified', to: 'monitoring' }],
      ]);
      expect(f.notifier.notices.filter((n) => n.kind === 'status')).toEqual([
        { kind: 'status', from: 'investigating', to: 'identified', by: MEMBER },
        { kind: 'status', from: 'identified', to: 'monitoring', by: LEAD },
      ]);
    });

    it('an update\'s status change is judged against the stored status', async () => {
      const stale = await f.declare();
      await f.services.updates.setStatus(stale, MEMBER, 'identified');
      await f.services.updates.postUpdate(stale, LEAD, { text: 'Root cause found', status: 'identified' });
      await f.services.updates.postUpdate(stale, LEAD, { text: 'Fix deployed', status: 'monitoring' });

      const changes = f.store.timeline.list(stale.id).filter((e) => e.kind === 'status_changed');
      expect(changes.map((e) => e.data)).toEqual([
        { from: 'investigating', to: 'identified' },
        { from: 'identified', to: 'monitoring' },
      ]);
      expect(f.store.crises.get(stale.id).status).toBe('monitoring');
    });

    it('a severity change already made is not made again', async () => {
      const stale = await f.declare();
      await f.services.updates.setSeverity(stale, ADMIN, 'sev1');
      const err = await rejection(f.services.updates.setSeverity(stale, LEAD, 'sev1'));
      expect(err.code).toBe('already_done');
      expect(f.store.timeline.list(stale.id).filter((e) => e.kind === 'severity_changed').map((e) => e.text)).toEqual(['Severity: sev2 → sev1 (Critical)']);
    });

    it('who may manage is judged by the lead stored now', async () => {
      const stale = await f.declare();
      await f.services.roles.assign(stale, LEAD, MEMBER, 'lead');
      // The declarer may still manage; a former lead who did not declare may not.
      await f.services.roles.assign(stale, MEMBER, 'U0OTHER', 'lead');
      const err = await rejection(f.services.roles.assign(stale, MEMBER, MEMBER, 'lead'));
      expect(err.code).toBe('forbidden');
      expect(mrkdwn(err.message)).toContain('<@U0OTHER>');
      expect(f.store.roles.active(stale.id).filter((a) => a.role === 'lead').map((a) => a.userId)).toEqual(['U0OTHER']);
    });
  });
});
