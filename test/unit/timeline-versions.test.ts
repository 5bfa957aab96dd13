/**
 * Timeline versions and the debrief's corrections, pure: what each version changed, in words; the
 * corrections of each entry with who and when; the debrief showing the latest version, marking a
 * corrected entry and listing every correction (hidden entries included) in its own section.
 */
import type { Crisis } from '../../src/core/crisis';
import { buildDebrief } from '../../src/features/record/debrief';
import type { TimelineEvent } from '../../src/core/timeline';
import { correctionsByEntry, describeChanges, type TimelineEntryVersion } from '../../src/features/record/timeline-versions';

const T = (hhmm: string): string => `2026-03-02T${hhmm}:00.000Z`;

function version(entryId: number, n: number, text: string, at: string, by: string | null, extra: Partial<TimelineEntryVersion> = {}): TimelineEntryVersion {
  return { crisisId: 1, entryId, version: n, text, occurredAt: T('09:05'), hidden: false, authorId: by, writtenAt: at, ...extra };
}

describe('describeChanges', () => {
  it('says what changed, in a fixed order', () => {
    expect(describeChanges(['text'])).toBe('text corrected');
    expect(describeChanges(['text', 'time'])).toBe('text and time corrected');
    expect(describeChanges(['time', 'hidden'])).toBe('time corrected and hidden');
    expect(describeChanges(['shown'])).toBe('shown again');
  });
});

describe('correctionsByEntry', () => {
  it('gives every version after the first, with who, when and what changed; entries never corrected are absent', () => {
    const versions = [
      version(7, 2, 'Second', T('10:00'), 'UBOB'),
      version(7, 1, 'First', T('09:05'), 'UALICE'),
      version(7, 3, 'Second', T('11:00'), 'UERIN', { hidden: true, occurredAt: T('09:01') }),
      version(8, 1, 'Alone', T('09:06'), null),
    ];
    expect([...correctionsByEntry(versions)]).toEqual([
      [7, [
        { version: 2, by: 'UBOB', at: T('10:00'), changes: ['text'] },
        { version: 3, by: 'UERIN', at: T('11:00'), changes: ['time', 'hidden'] },
      ]],
    ]);
  });
});

describe('the debrief', () => {
  const crisis: Crisis = {
    id: 1, teamId: 'T1', channelId: 'C1', channelName: 'crisis-1', title: 'Checkout down', type: 'other', severity: 'sev2', status: 'investigating',
    customerImpact: '', declaredBy: 'UALICE', declaredAt: T('09:00'), resolvedAt: null, resolutionSummary: null, cardTs: null,
    announceChannelId: null, announceTs: null, isPrivate: false, isDrill: false,
  };
  const event = (id: number, text: string, hidden = false): TimelineEvent => ({
    id, crisisId: 1, kind: 'note', occurredAt: T('09:05'), recordedAt: T('09:05'), actorId: 'UALICE', text, data: {}, permalink: null, hidden,
  });

  it('shows the latest text, marks the entry corrected, and lists every correction, the hidden entry too', () => {
    const report = buildDebrief({
      crisis,
      events: [event(7, 'Paged on-call (Dave)'), event(8, 'Wrong channel pasted', true), event(9, 'Untouched')],
      assignments: [], checklist: [], actions: [], lessons: [],
      now: new Date(T('12:00')), timeZone: 'UTC',
      versions: [
        version(7, 1, 'Paged on-call', T('09:05'), 'UALICE'), version(7, 2, 'Paged on-call (Dave)', T('10:00'), 'UBOB'),
        version(8, 1, 'Wrong channel pasted', T('09:05'), 'UALICE'), version(8, 2, 'Wrong channel pasted', T('10:30'), 'UERIN', { hidden: true }),
      ],
      nameOf: (id) => id.slice(1).toLowerCase(),
    });
    expect(report.timeline.map((e) => [e.id, e.text, e.corrections?.length ?? 0])).toEqual([[7, 'Paged on-call (Dave)', 1], [9, 'Untouched', 0]]);
    expect(report.corrections?.map((c) => [c.entryId, c.hidden])).toEqual([[7, false], [8, true]]);
    expect(report.markdown).toContain('- 2026-03-02 09:05 — Note — alice: Paged on-call (Dave) _(corrected by bob at 2026-03-02 10:00)_');
    expect(report.markdown).not.toContain('Paged on-call\n');
    expect(report.markdown).toContain('## Corrections to the timeline');
    expect(report.markdown).toContain('- 2026-03-02 09:05 — Note — alice: text corrected by bob at 2026-03-02 10:00');
    expect(report.markdown).toContain('- 2026-03-02 09:05 — Note — alice (hidden from the timeline): hidden by erin at 2026-03-02 10:30');
    // Its words stay out of the report: hidden is hidden.
    expect(report.markdown).not.toContain('Wrong channel pasted');
  });

  it('has no corrections section when nothing was corrected', () => {
    const report = buildDebrief({ crisis, events: [event(9, 'Untouched')], assignments: [], checklist: [], actions: [], lessons: [], now: new Date(T('12:00')), timeZone: 'UTC' });
    expect(report.corrections).toEqual([]);
    expect(report.markdown).not.toContain('Corrections to the timeline');
  });
});
