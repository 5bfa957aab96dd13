/**
 * Many crises at once, written straight into the store (one transaction, no Slack calls), the way
 * declare leaves them: crisis row, lead with checklist, reminder, "declared" and "lead" timeline
 * rows. Used by the benchmarks and the soak test, where declaring hundreds over HTTP would be slow.
 */
import { addMinutes } from '../src/core/cadence';
import type { Severity } from '../src/core/crisis';
import { ROLE_CHECKLISTS } from '../src/core/roles';
import type { Store } from '../src/core/store';

export interface SeedOptions {
  count: number;
  /** Declaration time (ISO). */
  at: string;
  cadenceMinutes: number;
  severity?: Severity;
  /** The crisis channel for crisis number i (0-based). */
  channelFor(i: number): { id: string; name: string };
  /** Who leads crisis i. */
  leadFor(i: number): string;
  /** Minutes from `at` until crisis i's first reminder is due (default: one cadence). */
  firstDueInMinutes?(i: number): number;
}

export function seedCrises(store: Store, options: SeedOptions): number[] {
  const { at, cadenceMinutes } = options;
  const severity = options.severity ?? 'sev3';
  return store.transaction(() => {
    const ids: number[] = [];
    for (let i = 0; i < options.count; i += 1) {
      const channel = options.channelFor(i);
      const lead = options.leadFor(i);
      const crisis = store.crises.insert({
        teamId: 'T0CRISIS',
        channelId: channel.id,
        channelName: channel.name,
        title: `Seeded crisis ${i + 1}`,
        type: 'service_outage',
        severity,
        customerImpact: '',
        declaredBy: lead,
        declaredAt: at,
        cardTs: `1700000000.${String(i).padStart(6, '0')}`,
        announceChannelId: null,
        announceTs: null,
      });
      store.roles.insert(crisis.id, 'lead', lead, lead, at, ROLE_CHECKLISTS.lead);
      store.reminders.save({
        crisisId: crisis.id,
        enabled: true,
        cadenceMinutes,
        cadenceSource: 'manual',
        lastUpdateAt: at,
        nextDueAt: addMinutes(at, options.firstDueInMinutes?.(i) ?? cadenceMinutes),
        remindersSinceUpdate: 0,
        lastRemindedAt: null,
      });
      store.timeline.append(
        crisis.id,
        { kind: 'declared', occurredAt: at, actorId: lead, text: `Declared ${severity}: Seeded crisis ${i + 1}`, data: { severity, crisis_type: 'service_outage', channel_id: channel.id } },
        at,
      );
      store.timeline.append(
        crisis.id,
        { kind: 'role_assigned', occurredAt: at, actorId: lead, text: `<@${lead}> assigned as crisis lead`, data: { role: 'lead', user_id: lead, handover_from: null } },
        at,
      );
      ids.push(crisis.id);
    }
    return ids;
  });
}
