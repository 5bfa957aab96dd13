/** The debrief chart's spec, pure: one series per source, the timeline's turning points as markers, the cadence, the range; and the time axis. */
import type { Crisis } from '../../src/domain/crisis';
import type { TimelineEvent } from '../../src/domain/timeline';
import { buildVolumeChart, dueTimes, MAX_SERIES } from '../../src/domain/volume-chart';
import type { VolumeSample } from '../../src/domain/volume';
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
  event('statement', 50),
  event('status_changed', 70, { from: 'investigating', to: 'identified' }),
  event('severity_changed', 75, { from: 'sev2', to: 'sev1' }),
  event('volume_rise', 72, { count: 80, median: 30, samples: 5 }),
  event('note', 90),
  event('status_changed', 95, { from: 'identified', to: 'monitoring' }, true),
  event('resolved', 180),
];

describe('buildVolumeChart', () => {
  it('draws one series per source, in order of appearance, with epoch-ms points', () => {
    const spec = buildVolumeChart({ crisis, samples: [sample(10, 20), sample(12, 3, 'twitter'), sample(20, 40)], events, now: new Date(iso(200)), timeZone: 'UTC' });
    expect(spec.series.map((s) => s.label)).toEqual(['zendesk', 'twitter']);
    expect(spec.series[0]?.points).toEqual([{ atMs: T0 + 10 * 60_000, value: 20 }, { atMs: T0 + 20 * 60_000, value: 40 }]);
    expect(spec.subtitle).toBe('#crisis-20260302-checkout · 3 volume samples · times in UTC');
    expect(spec.title).toBe('Complaint volume: Checkout payments failing');
  });

  it('marks declaration, statements, status and severity changes, a sharp rise and the resolution, and leaves hidden entries and notes out', () => {
    const spec = buildVolumeChart({ crisis, samples: [], events, now: new Date(iso(200)), timeZone: 'UTC' });
    expect(spec.markers.map((m) => [m.label, m.kind, (m.atMs - T0) / 60_000])).toEqual([
      ['Declared', 'declared', 0],
      ['Statement', 'statement', 50],
      ['Identified', 'status', 70],
      ['Sharp rise', 'rise', 72],
      ['sev1', 'severity', 75],
      ['Resolved', 'resolved', 180],
    ]);
  });

  it('takes labelled markers from outside the timeline (published statements to come)', () => {
    const spec = buildVolumeChart({ crisis, samples: [], events: [], extraMarkers: [{ at: iso(30), label: 'S1 published' }, { at: 'nonsense', label: 'bad' }], now: new Date(iso(200)), timeZone: 'UTC' });
    expect(spec.markers).toEqual([{ atMs: T0 + 30 * 60_000, label: 'S1 published', kind: 'other' }]);
  });

  it('shows the cadence: the first due time after declaration and each update\'s due and next due time', () => {
    expect(dueTimes(events).map((ms) => (ms - T0) / 60_000)).toEqual([60, 80]);
    const spec = buildVolumeChart({ crisis, samples: [], events, now: new Date(iso(200)), timeZone: 'UTC' });
    expect(spec.dueTimesMs.map((ms) => (ms - T0) / 60_000)).toEqual([60, 80]);
    expect(spec.updateTimesMs.map((ms) => (ms - T0) / 60_000)).toEqual([20]);
  });

  it('spans declaration to resolution, widened to include samples before and after; and keeps a note for no samples', () => {
    const none = buildVolumeChart({ crisis, samples: [], events, now: new Date(iso(500)), timeZone: 'UTC' });
    expect([none.fromMs, none.toMs]).toEqual([T0, T0 + 180 * 60_000]);
    expect(none.series).toEqual([]);
    expect(none.emptyNote).toContain('No volume samples');
    const wide = buildVolumeChart({ crisis, samples: [sample(-30, 5), sample(200, 7)], events, now: new Date(iso(500)), timeZone: 'UTC' });
    expect([(wide.fromMs - T0) / 60_000, (wide.toMs - T0) / 60_000]).toEqual([-30, 200]);
    const open = buildVolumeChart({ crisis: { ...crisis, status: 'investigating', resolvedAt: null }, samples: [], events: [], now: new Date(iso(3)), timeZone: 'UTC' });
    expect((open.toMs - open.fromMs) / 60_000).toBe(10);
  });

  it(`draws at most ${MAX_SERIES} sources and names the rest`, () => {
    const many = Array.from({ length: MAX_SERIES + 2 }, (_, i) => sample(i, i, `source-${i}`));
    const spec = buildVolumeChart({ crisis, samples: many, events: [], now: new Date(iso(200)), timeZone: 'UTC' });
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
