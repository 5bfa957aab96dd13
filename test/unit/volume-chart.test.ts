/**
 * The debrief chart's spec, pure: one series per source, the timeline's turning points and the
 * deadlines as tagged markers (statements S1, S2…, deadlines D1…, the rest numbered), the y-axis
 * saying what a count is, the cadence, the range, no chart without samples; and the time axis.
 */
import type { Crisis } from '../../src/core/crisis';
import type { TimeSeriesChart } from '../../src/core/chart-spec';
import type { DeadlineClock } from '../../src/features/deadlines/deadlines';
import type { TimelineEvent } from '../../src/core/timeline';
import { buildVolumeChart, dueTimes, MAX_SERIES, type VolumeChartInput } from '../../src/features/customer/volume-chart';
import type { VolumeSample } from '../../src/features/customer/volume';
import { tickLabel, tickStepMinutes, timeTicks, zoneOffsetMinutes } from '../../src/chart/time-axis';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (minutes: number): string => new Date(T0 + minutes * 60_000).toISOString();

const crisis: Crisis = {
  id: 1,
  teamId: 'T1',
  channelId: 'C1',
  channelName: 'crisis-20260302-checkout',
  title: 'Checkout payments failing',
  type: 'other',
  severity: 'sev2',
  status: 'resolved',
  customerImpact: '',
  declaredBy: 'U1',
  declaredAt: iso(0),
  resolvedAt: iso(180),
  resolutionSummary: 'Fixed',
  cardTs: null,
  announceChannelId: null,
  announceTs: null,
  isPrivate: false,
  isDrill: false,
};

let nextId = 0;
function event(kind: TimelineEvent['kind'], minutes: number, data: Record<string, unknown> = {}, hidden = false): TimelineEvent {
  nextId += 1;
  return { id: nextId, crisisId: 1, kind, occurredAt: iso(minutes), recordedAt: iso(minutes), actorId: 'U1', text: '', data, permalink: null, hidden };
}

function sample(minutes: number, count: number, source = 'zendesk'): VolumeSample {
  nextId += 1;
  return { id: nextId, crisisId: 1, count, source, sampledAt: iso(minutes), recordedAt: iso(minutes), recordedBy: null, externalId: null };
}

const events = [
  event('declared', 0, { severity: 'sev2', crisis_type: 'other', channel_id: 'C1' }),
  event('update_posted', 20, { status: 'investigating', due_at: iso(60), next_update_at: iso(80) }),
  event('statement', 50, { statement: 1, published_to: 'status page' }),
  event('status_changed', 70, { from: 'investigating', to: 'identified' }),
  event('severity_changed', 75, { from: 'sev2', to: 'sev1' }),
  event('volume_rise', 72, { count: 80, median: 30, samples: 5 }),
  event('note', 90),
  event('status_changed', 95, { from: 'identified', to: 'monitoring' }, true),
  event('statement', 120, { statement: 3, published_to: 'email' }),
  event('resolved', 180),
];

function clock(id: number, label: string, dueMinutes: number, doneMinutes: number | null): DeadlineClock {
  return { id, crisisId: 1, clockId: `c${id}`, label, source: 'playbook', dueAfterMinutes: dueMinutes, remindBeforeMinutes: [], startedAt: iso(0), dueAt: iso(dueMinutes), generation: 1, doneAt: doneMinutes === null ? null : iso(doneMinutes), doneBy: doneMinutes === null ? null : 'U1', createdBy: 'U1', createdAt: iso(0) };
}

/** The chart of `input`, which must have one. */
function chart(input: Partial<VolumeChartInput> = {}): TimeSeriesChart {
  const spec = buildVolumeChart({ crisis, samples: [sample(10, 20)], events, now: new Date(iso(200)), timeZone: 'UTC', ...input });
  if (!spec) throw new Error('no chart was built');
  return spec;
}

describe('buildVolumeChart', () => {
  it('draws one series per source, in order of appearance, with epoch-ms points', () => {
    const spec = chart({ samples: [sample(10, 20), sample(12, 3, 'twitter'), sample(20, 40)] });
    expect(spec.series.map((s) => s.label)).toEqual(['zendesk', 'twitter']);
    expect(spec.series[0]?.points).toEqual([{ atMs: T0 + 10 * 60_000, value: 20 }, { atMs: T0 + 20 * 60_000, value: 40 }]);
    expect(spec.subtitle).toBe('#crisis-20260302-checkout · 3 volume samples · times in UTC');
    expect(spec.title).toBe('Complaint volume: Checkout payments failing');
  });

  it('draws no chart at all for a crisis with no samples', () => {
    expect(buildVolumeChart({ crisis, samples: [], events, now: new Date(iso(200)), timeZone: 'UTC' })).toBeNull();
  });

  it('tags statements by their number, S1, S3, and the other turning points 1, 2, 3…; hidden entries and notes are left out', () => {
    expect(chart().markers.map((m) => [m.tag, m.label, m.kind, (m.atMs - T0) / 60_000])).toEqual([
      ['1', 'Declared', 'declared', 0],
      ['S1', 'Statement published (status page)', 'statement', 50],
      ['2', 'Status: Identified', 'status', 70],
      ['3', 'Sharp rise', 'rise', 72],
      ['4', 'Severity: sev1', 'severity', 75],
      ['S3', 'Statement published (email)', 'statement', 120],
      ['5', 'Resolved', 'resolved', 180],
    ]);
  });

  it('numbers statements from before they had numbers by their order', () => {
    const old = [event('statement', 10), event('statement', 20)];
    expect(chart({ events: old }).markers.map((m) => [m.tag, m.label])).toEqual([
      ['S1', 'Statement published'],
      ['S2', 'Statement published'],
    ]);
  });

  it('draws each deadline at its due time, D1, D2… by due time, saying whether it was met; one due after the crisis is listed but does not widen the chart', () => {
    const spec = chart({ deadlines: [clock(1, 'Notify the authority', 400, null), clock(2, 'Report to the regulator', 100, 90), clock(3, 'Call the insurer', 150, null)] });
    expect(spec.markers.filter((m) => m.kind === 'deadline').map((m) => [m.tag, m.label, (m.atMs - T0) / 60_000])).toEqual([
      ['D1', 'Deadline met: Report to the regulator', 100],
      ['D2', 'Deadline missed: Call the insurer', 150],
      ['D3', 'Deadline not done at resolution: Notify the authority', 400],
    ]);
    expect((spec.toMs - T0) / 60_000).toBe(180);
  });

  it('says on the y-axis what a count is: per sample, as reported, and how often samples came', () => {
    expect(chart({ samples: [sample(10, 20)] }).yLabel).toBe('complaints / tickets per sample; as reported');
    expect(chart({ samples: [sample(0, 20), sample(15, 22), sample(29, 25), sample(5, 3, 'twitter'), sample(21, 4, 'twitter')] }).yLabel).toBe(
      'complaints / tickets per sample; as reported, about every 15 min',
    );
    expect(chart({ samples: [sample(0, 20), sample(46, 22), sample(58, 25)] }).yLabel).toBe('complaints / tickets per sample; as reported, at irregular times');
  });

  it('shows the cadence: the first due time after declaration and each update\'s due and next due time', () => {
    expect(dueTimes(events).map((ms) => (ms - T0) / 60_000)).toEqual([60, 80]);
    const spec = chart();
    expect(spec.dueTimesMs.map((ms) => (ms - T0) / 60_000)).toEqual([60, 80]);
    expect(spec.updateTimesMs.map((ms) => (ms - T0) / 60_000)).toEqual([20]);
  });

  it('spans declaration to resolution, widened to include samples before and after', () => {
    const resolved = chart({ now: new Date(iso(500)) });
    expect([resolved.fromMs, resolved.toMs]).toEqual([T0, T0 + 180 * 60_000]);
    const wide = chart({ samples: [sample(-30, 5), sample(200, 7)], now: new Date(iso(500)) });
    expect([(wide.fromMs - T0) / 60_000, (wide.toMs - T0) / 60_000]).toEqual([-30, 200]);
    const open = chart({ crisis: { ...crisis, status: 'investigating', resolvedAt: null }, samples: [sample(1, 4)], events: [], now: new Date(iso(3)) });
    expect((open.toMs - open.fromMs) / 60_000).toBe(10);
  });

  it(`draws at most ${MAX_SERIES} sources and names the rest`, () => {
    const many = Array.from({ length: MAX_SERIES + 2 }, (_, i) => sample(i, i, `source-${i}`));
    const spec = chart({ samples: many, events: [] });
    expect(spec.series).toHaveLength(MAX_SERIES);
    expect(spec.subtitle).toContain(`not drawn: source-${MAX_SERIES}, source-${MAX_SERIES + 1}`);
  });
});

describe('the time axis', () => {
  it('picks a round step for at most 10 ticks', () => {
    expect(tickStepMinutes(60 * 60_000)).toBe(10);
    expect(tickStepMinutes(3 * 60 * 60_000)).toBe(30);
    expect(tickStepMinutes(24 * 60 * 60_000)).toBe(180);
    expect(tickStepMinutes(30 * 24 * 60 * 60_000)).toBe(10080);
  });

  it('puts ticks on the crisis zone\'s round times, labelled in that zone, with the date on the first tick and at midnight', () => {
    expect(zoneOffsetMinutes(T0, 'Asia/Kolkata')).toBe(330);
    const from = Date.parse('2026-03-02T22:10:00Z');
    const ticks = timeTicks(from, from + 3 * 60 * 60_000, 'Asia/Kolkata');
    // 03:40 in Kolkata: ticks every 30 minutes at :00 and :30 local.
    expect(ticks.map((t) => tickLabel(t, undefined, 'Asia/Kolkata'))[0]).toEqual(['04:00', '3 Mar']);
    expect(ticks.map((t, i) => tickLabel(t, ticks[i - 1], 'Asia/Kolkata')).slice(1, 3)).toEqual(['04:30', '05:00']);
    const night = timeTicks(Date.parse('2026-03-02T22:00:00Z'), Date.parse('2026-03-03T02:00:00Z'), 'UTC');
    const labels = night.map((t, i) => tickLabel(t, night[i - 1], 'UTC'));
    expect(labels).toContainEqual(['00:00', '3 Mar']);
  });
});
