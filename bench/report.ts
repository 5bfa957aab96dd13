/**
 * The report across crises over a large history, in process (no Slack time counted): 10,000 real
 * crises declared over 90 days (plus 500 drills it must leave out), each with its lead, three
 * updates, a statement, a deadline clock, follow-up actions and, for some, lessons with a plan
 * change. The figure is `report.build` (the aggregate queries and the figures) and `report.send`
 * (the same plus the Markdown file and the chart spec; the DM and the PNG are stubs).
 */
import { ManualClock } from '../src/clock';
import { addMinutes } from '../src/core/cadence';
import { SEVERITIES } from '../src/core/crisis';
import type { PeopleNotifier, ReportDelivery } from '../src/core/people-ports';
import type { Store } from '../src/core/store';
import { freshServices, USERS } from './in-process';
import { median, timed } from './stats';

export interface ReportFigures {
  crises: number;
  drills: number;
  timelineRows: number;
  buildFirstMs: number;
  buildMedianMs: number;
  sendMedianMs: number;
  fileKiB: number;
}

const TYPES = ['outage', 'recall', 'shipping', 'breach', 'pr', 'other'];

/** Crisis i is declared i × (90 days / count) after `from`: an even spread over the window. */
export function seedHistory(store: Store, from: string, count: number, drills: number): void {
  const spacing = (90 * 24 * 60 - 600) / count;
  store.transaction(() => {
    for (let i = 0; i < count + drills; i += 1) {
      const drill = i >= count;
      const at = addMinutes(from, Math.floor((drill ? i - count : i) * spacing) + (drill ? 7 : 0));
      const lead = USERS[i % USERS.length] ?? 'U0ALICE';
      const crisis = store.crises.insert({
        teamId: 'T0CRISIS',
        channelId: `C${String(i).padStart(9, '0')}`,
        channelName: `crisis-bench-${i}`,
        title: `Seeded crisis ${i + 1}`,
        type: TYPES[i % TYPES.length] ?? 'other',
        severity: SEVERITIES[i % SEVERITIES.length] ?? 'sev2',
        customerImpact: '',
        declaredBy: lead,
        declaredAt: at,
        cardTs: null,
        announceChannelId: null,
        announceTs: null,
        isPrivate: i % 10 === 0,
        isDrill: drill,
      });
      store.roles.insert(crisis.id, 'lead', lead, lead, at, []);
      store.timeline.append(crisis.id, { kind: 'declared', occurredAt: at, actorId: lead, text: 'Declared', data: { severity: crisis.severity, crisis_type: crisis.type, channel_id: crisis.channelId } }, at);
      for (let u = 1; u <= 3; u += 1) {
        const posted = addMinutes(at, u * 30 + (i % 7));
        store.timeline.append(crisis.id, { kind: 'update_posted', occurredAt: posted, actorId: lead, text: `Update ${u}`, data: { status: 'investigating', due_at: addMinutes(at, u * 30 + 3), next_update_at: null } }, posted);
      }
      const stated = addMinutes(at, 20 + (i % 40));
      store.timeline.append(crisis.id, { kind: 'statement', occurredAt: stated, actorId: lead, text: 'We are on it', data: {} }, stated);
      const clock = store.deadlines.insert(crisis.id, { clockId: 'status', label: 'Status page', source: 'manual', dueAfterMinutes: 60, remindBeforeMinutes: [], startedAt: at, dueAt: addMinutes(at, 60), createdBy: lead, createdAt: at });
      if (i % 3 !== 0) store.deadlines.markDone(clock.id, addMinutes(at, 45 + (i % 30)), lead);
      store.followUps.addAction(crisis.id, `Follow-up for crisis ${i + 1}`, i % 4 === 0 ? null : (USERS[(i + 1) % USERS.length] ?? null), lead, at);
      if (i % 10 === 0) store.followUps.addLessons(crisis.id, { wentWell: 'Fast', wentBadly: '', rootCauses: '', planChanges: `Change ${i} to the ${crisis.type} playbook` }, lead, at);
      if (i % 5 !== 0) {
        const resolvedAt = addMinutes(at, 240 + (i % 300));
        store.crises.update(crisis.id, { status: 'resolved', resolvedAt, resolutionSummary: 'Resolved' }, resolvedAt);
      }
    }
  });
}

/** Takes the file and throws it away: the DM is Slack's time, not ours. */
class DiscardingPeopleNotifier implements PeopleNotifier {
  lastFileBytes = 0;
  async dmShiftBreak(): Promise<void> {}
  async postShiftNotice(): Promise<void> {}
  async isBot(): Promise<boolean> {
    return false;
  }
  async sendReport(_userId: string, delivery: ReportDelivery): Promise<void> {
    this.lastFileBytes = Buffer.byteLength(delivery.markdown.content);
  }
}

export async function reportBench(crises = 10_000, drills = 500, rounds = 5): Promise<ReportFigures> {
  const clock = new ManualClock('2026-11-26T09:00:00Z');
  const { services, store, cleanup } = freshServices(clock);
  try {
    const from = addMinutes(clock.now(), -90 * 24 * 60 + 60);
    seedHistory(store, from, crises, drills);
    const people = new DiscardingPeopleNotifier();
    services.deps.people = { notifier: people, chart: { renderPng: async () => Buffer.alloc(0) } };
    const builds: number[] = [];
    const sends: number[] = [];
    let counted = 0;
    for (let r = 0; r < rounds; r += 1) {
      const built = await timed(() => services.report.build(90));
      builds.push(built.ms);
      counted = built.value.total;
      sends.push((await timed(() => services.report.send('U0ALICE', 90))).ms);
    }
    if (counted !== crises) throw new Error(`the report counted ${counted} crises, expected ${crises} (drills left out)`);
    // Declared, three updates and a statement each.
    const timelineRows = (crises + drills) * 5;
    return { crises, drills, timelineRows, buildFirstMs: builds[0] ?? Number.NaN, buildMedianMs: median(builds), sendMedianMs: median(sends), fileKiB: people.lastFileBytes / 1024 };
  } finally {
    cleanup();
  }
}
