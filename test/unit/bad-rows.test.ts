/**
 * A stored row that does not decode is read with a fallback, never silently: the first of each place
 * is logged as a warning, and every one is counted in /metrics.
 */
import { BotMetrics } from '../../src/metrics';
import { badStoredRowCounts, reportBadRowsTo } from '../../src/store/bad-rows';
import { LEAD, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';

let f: Fixture<Db | PostgresSyncDatabase>;
const warnings: Array<{ message: string; fields: unknown }> = [];

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(() => {
    f = startServicesOn(testStore());
    reportBadRowsTo({ warn: (message: string, fields?: unknown) => void warnings.push({ message, fields }) });
  });

  it('a deadline clock whose stored reminders do not read keeps the clock, warns once and counts every read', async () => {
    const { crisis } = await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Kettle K2 overheating', type: 'recall' });
    expect(f.store.deadlines.list(crisis.id).length).toBeGreaterThan(0);
    const before = badStoredRowCounts().get('deadlines.remind_before') ?? 0;
    const warnedBefore = warnings.filter((w) => (w.fields as { where?: string }).where === 'deadlines.remind_before').length;

    f.db.prepare("UPDATE deadlines SET remind_before_json = 'not json' WHERE crisis_id = ?").run(crisis.id);
    const clocks = f.store.deadlines.list(crisis.id);
    f.store.deadlines.list(crisis.id);

    expect(clocks.length).toBeGreaterThan(0);
    expect(clocks.every((c) => c.remindBeforeMinutes.length === 0)).toBe(true);
    const read = 2 * clocks.length;
    expect(badStoredRowCounts().get('deadlines.remind_before')).toBe(before + read);
    // Once per place and process, however many rows and reads.
    expect(warnings.filter((w) => (w.fields as { where?: string }).where === 'deadlines.remind_before').length).toBe(warnedBefore === 0 ? 1 : warnedBefore);

    const metrics = await new BotMetrics().render();
    expect(metrics.body).toContain(`crisis_bot_bad_stored_rows{where="deadlines.remind_before"} ${before + read}`);
  });

  it('a statement whose stored audience is unknown reads as customers, counted', async () => {
    const crisis = await f.declare();
    await f.services.statements.draft(crisis, LEAD, { text: 'We are looking into it.' });
    const before = badStoredRowCounts().get('statements.audience') ?? 0;
    f.db.prepare("UPDATE statements SET audience = 'martians' WHERE crisis_id = ?").run(crisis.id);
    expect(f.store.statements.list(crisis.id)[0]?.audience).toBe('customers');
    expect(badStoredRowCounts().get('statements.audience')).toBe(before + 1);
  });
});
