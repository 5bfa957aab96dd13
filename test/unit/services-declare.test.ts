/**
 * Declare through the role path: the first lead is recorded as any assignment is, and the whole
 * first roster is checked before the channel is made, so a bad one leaves nothing behind.
 */
import { ADMIN, BOT, LEAD, MEMBER, rejection, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';
import { escapeKeepingMentions } from '../../src/slack/views/blocks';

let f: Fixture<Db | PostgresSyncDatabase>;

function declareWith(firstRoles: Record<string, string[]>) {
  return f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Checkout down', severity: 'sev1', firstRoles });
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
  });

  describe('the first roster', () => {
    it('with the bot in it is refused before anything is made, naming the field', async () => {
      const err = await rejection(declareWith({ spokesperson: [BOT] }));
      expect(err).toMatchObject({ code: 'bad_input', field: 'role_spokesperson' });
      expect(err.message).toContain("I can't hold a role myself");
      expect(f.notifier.created).toEqual([]);
      expect(f.store.crises.listOpen()).toEqual([]);
    });

    it('with two leads is refused before anything is made', async () => {
      const err = await rejection(declareWith({ lead: [MEMBER, ADMIN] }));
      expect(err).toMatchObject({ code: 'bad_input', field: 'role_lead', message: 'Crisis lead has one holder; pick one person.' });
      expect(f.notifier.created).toEqual([]);
      expect(f.store.crises.listOpen()).toEqual([]);
    });

    it('that is sound is assigned, with no warning', async () => {
      const { crisis, warnings } = await declareWith({ lead: [MEMBER], info: [ADMIN, LEAD] });
      expect(warnings).toEqual([]);
      expect(f.services.snapshot(crisis).holders).toMatchObject({ lead: [MEMBER], info: [ADMIN, LEAD] });
    });
  });

  describe('the first lead', () => {
    it('is recorded as the role path records any assignment: row, checklist and timeline entry', async () => {
      const { crisis } = await declareWith({ lead: [MEMBER] });
      const [lead] = f.store.roles.active(crisis.id);
      expect(lead).toMatchObject({ role: 'lead', userId: MEMBER, assignedBy: LEAD, assignedAt: '2026-11-26T09:00:00.000Z' });
      expect(f.store.roles.checklist(lead?.id ?? 0).length).toBeGreaterThan(0);
      const assigned = f.store.timeline.list(crisis.id).filter((e) => e.kind === 'role_assigned');
      expect(assigned.map((e) => [e.actorId, escapeKeepingMentions(e.text), e.data])).toEqual([
        [LEAD, `<@${MEMBER}> assigned as crisis lead`, { role: 'lead', user_id: MEMBER, handover_from: null }],
      ]);
    });
  });
});
