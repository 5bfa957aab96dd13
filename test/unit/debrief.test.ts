/** The after-action report from hand-built timelines; times are minutes after a fixed declaration. */
import type { Crisis } from '../../src/core/crisis';
import { buildDebrief } from '../../src/features/record/debrief';
import type { DebriefInput } from '../../src/features/record/debrief';
import type { FollowUpAction, Lessons } from '../../src/features/record/follow-up';
import type { ChecklistItem, RoleAssignment } from '../../src/core/roles';
import type { TimelineData, TimelineEvent, TimelineKind } from '../../src/core/timeline';

const DECLARED_AT = '2024-03-01T10:00:00.000Z';

/** The ISO time `minutes` after the declaration (negative for before). */
function t(minutes: number): string {
  return new Date(Date.parse(DECLARED_AT) + minutes * 60_000).toISOString();
}

function crisis(overrides: Partial<Crisis> = {}): Crisis {
  return {
    id: 1,
    teamId: 'T1',
    channelId: 'C1',
    channelName: 'crisis-20240301-checkout-down',
    title: 'Checkout payments failing',
    type: 'outage',
    severity: 'sev1',
    status: 'resolved',
    customerImpact: 'Customers cannot pay at checkout.',
    declaredBy: 'U1',
    declaredAt: DECLARED_AT,
    resolvedAt: t(240),
    resolutionSummary: 'Rolled back the payment gateway release.',
    cardTs: null,
    announceChannelId: null,
    announceTs: null,
    isPrivate: false,
    isDrill: false,
    ...overrides,
  };
}

/** Builds events with increasing ids, in the order written (the debrief must sort them itself). */
class TimelineBuilder {
  readonly events: TimelineEvent[] = [];
  private nextId = 1;

  add<K extends TimelineKind>(kind: K, minutes: number, data: TimelineData<K>, extra: Partial<TimelineEvent> = {}): this {
    const at = t(minutes);
    this.events.push({
      id: this.nextId++,
      crisisId: 1,
      kind,
      occurredAt: at,
      recordedAt: at,
      actorId: 'U1',
      text: '',
      data: data,
      permalink: null,
      hidden: false,
      ...extra,
    });
    return this;
  }

  declared(minutes = 0): this {
    return this.add('declared', minutes, { severity: 'sev1', crisis_type: 'outage', channel_id: 'C1' }, { text: 'Declared' });
  }

  /** An update posted at `minutes`, due at `dueMinutes` (null: no due time). */
  update(minutes: number, dueMinutes: number | null, extra: Partial<TimelineEvent> = {}): this {
    return this.add(
      'update_posted',
      minutes,
      { status: 'investigating', due_at: dueMinutes === null ? null : t(dueMinutes), next_update_at: null },
      { text: `Update at +${minutes}`, ...extra },
    );
  }

  reminder(minutes: number, overdue: boolean): this {
    return this.add('reminder_sent', minutes, { overdue, minutes_since_update: 30 }, { actorId: null });
  }

  missed(minutes: number, dueMinutes: number): this {
    return this.add('update_missed', minutes, { due_at: t(dueMinutes) }, { actorId: null });
  }

  statement(minutes: number, text = 'We are aware of payment problems.'): this {
    return this.add('statement', minutes, {}, { text });
  }

  assigned(minutes: number, userId: string, handoverFrom: string | null = null): this {
    return this.add('role_assigned', minutes, { role: 'lead', user_id: userId, handover_from: handoverFrom });
  }

  resolved(minutes: number): this {
    return this.add('resolved', minutes, {}, { text: 'Resolved' });
  }

  reopened(minutes: number): this {
    return this.add('reopened', minutes, {}, { text: 'Reopened' });
  }

  note(minutes: number, text: string, extra: Partial<TimelineEvent> = {}): this {
    return this.add('note', minutes, {}, { text, ...extra });
  }
}

function input(overrides: Partial<DebriefInput> = {}): DebriefInput {
  return {
    crisis: crisis(),
    events: [],
    assignments: [],
    checklist: [],
    actions: [],
    lessons: [],
    typeLabel: 'Service outage',
    now: new Date(t(300)),
    timeZone: 'UTC',
    ...overrides,
  };
}

/**
 * A resolved crisis (declared at +0, resolved at +240) with five updates:
 *   +12 due +30 (on time), +45 due +72 (on time), +140 due +105 (late), +160 due +200 (on time),
 *   +170 no due time. Reminders at +100 and +130: two due times passed with no update (the late
 *   update's due time is the one the +130 reminder counted). 3 of 5 due times met.
 *   Silence points 0, 12, 45, 140, 160, 170, end 240: longest gap 45 → 140.
 */
function typicalTimeline(): TimelineBuilder {
  return new TimelineBuilder()
    .declared(0)
    .assigned(0, 'U1')
    .update(12, 30)
    .statement(20)
    .update(45, 72)
    .reminder(100, false)
    .reminder(130, true)
    .missed(130, 105)
    .update(140, 105)
    .assigned(150, 'U2', 'U1')
    .statement(155)
    .update(160, 200)
    .update(170, null)
    .resolved(240);
}

function assignment(id: number, role: RoleAssignment['role'], userId: string, from: number, to: number | null): RoleAssignment {
  return {
    id,
    crisisId: 1,
    role,
    userId,
    assignedBy: 'U1',
    assignedAt: t(from),
    relievedAt: to === null ? null : t(to),
    relievedBy: to === null ? null : 'U1',
  };
}

function checklist(assignmentId: number, total: number, done: number): ChecklistItem[] {
  return Array.from({ length: total }, (_, index) => ({
    assignmentId,
    index,
    text: `item ${index}`,
    doneAt: index < done ? t(30) : null,
    doneBy: index < done ? 'U1' : null,
  }));
}

describe('buildDebrief: key times and metrics', () => {
  const report = buildDebrief(input({ events: typicalTimeline().events }));

  it('is final for a resolved crisis', () => {
    expect(report.interim).toBe(false);
    expect(report.generatedAt).toBe(t(300));
  });

  it('reports the key times as minutes after the declaration', () => {
    expect(report.keyTimes).toEqual({
      declaredAt: DECLARED_AT,
      firstUpdateAt: t(12),
      firstStatementAt: t(20),
      resolvedAt: t(240),
      minutesToFirstUpdate: 12,
      minutesToFirstStatement: 20,
      minutesToResolve: 240,
      firstResolvedAt: t(240),
    });
  });

  it('counts updates, reminders, escalations, missed updates, handovers and statements', () => {
    expect(report.metrics).toMatchObject({
      updatesPosted: 5,
      remindersSent: 2,
      escalations: 1,
      missedUpdates: 2,
      handovers: 1,
      statements: 2,
      reopenings: 0,
    });
  });

  it('counts due times met among every due time that fell due, reminders included', () => {
    expect(report.metrics.dueTimesMet).toBe(3);
    expect(report.metrics.dueTimes).toBe(5);
    expect(report.metrics.onTimeShare).toBe(0.6);
  });

  it('finds the longest silence between updates', () => {
    expect(report.metrics.longestSilenceMinutes).toBe(95);
    expect(report.metrics.longestSilenceFrom).toBe(t(45));
    expect(report.metrics.longestSilenceTo).toBe(t(140));
  });

  it('counts an update posted exactly at its due time as on time', () => {
    const r = buildDebrief(input({ events: new TimelineBuilder().declared().update(30, 30).resolved(60).events }));
    expect(r.metrics.dueTimesMet).toBe(1);
    expect(r.metrics.onTimeShare).toBe(1);
  });

  it('has no on-time share when no update fell due', () => {
    const r = buildDebrief(input({ events: new TimelineBuilder().declared().update(10, null).resolved(60).events }));
    expect(r.metrics.dueTimes).toBe(0);
    expect(r.metrics.onTimeShare).toBeNull();
  });

  it('counts an update whose data does not parse, but not towards the on-time share', () => {
    const events = new TimelineBuilder().declared().add('update_posted', 10, { status: 'investigating', due_at: t(30), next_update_at: null }).events;
    const broken = events.map((e) => (e.kind === 'update_posted' ? { ...e, data: { status: 'nonsense' } } : e));
    const r = buildDebrief(input({ events: broken }));
    expect(r.metrics.updatesPosted).toBe(1);
    expect(r.metrics.dueTimes).toBe(0);
  });
});

describe('buildDebrief: longest silence', () => {
  it('runs to the resolution when the last update was long before it', () => {
    const r = buildDebrief(input({ events: new TimelineBuilder().declared().update(10, null).update(30, null).resolved(240).events }));
    expect(r.metrics.longestSilenceMinutes).toBe(210);
    expect(r.metrics.longestSilenceFrom).toBe(t(30));
    expect(r.metrics.longestSilenceTo).toBe(t(240));
  });

  it('runs to now in an interim report', () => {
    const r = buildDebrief(
      input({
        crisis: crisis({ status: 'investigating', resolvedAt: null, resolutionSummary: null }),
        events: new TimelineBuilder().declared().update(10, null).events,
        now: new Date(t(100)),
      }),
    );
    expect(r.interim).toBe(true);
    expect(r.keyTimes.resolvedAt).toBeNull();
    expect(r.keyTimes.minutesToResolve).toBeNull();
    expect(r.metrics.longestSilenceMinutes).toBe(90);
    expect(r.metrics.longestSilenceFrom).toBe(t(10));
    expect(r.metrics.longestSilenceTo).toBe(t(100));
  });

  it('is the whole open time when no update was posted', () => {
    const r = buildDebrief(input({ crisis: crisis({ resolvedAt: t(300) }), events: new TimelineBuilder().declared().resolved(300).events }));
    expect(r.metrics.updatesPosted).toBe(0);
    expect(r.metrics.longestSilenceMinutes).toBe(300);
    expect(r.metrics.longestSilenceFrom).toBe(DECLARED_AT);
    expect(r.metrics.longestSilenceTo).toBe(t(300));
    expect(r.keyTimes.firstUpdateAt).toBeNull();
    expect(r.keyTimes.minutesToFirstUpdate).toBeNull();
    expect(r.metrics.onTimeShare).toBeNull();
    expect(r.markdown).toContain('| First update | none posted | — |');
    expect(r.markdown).toContain('- Updates on time: n/a (no update fell due)');
  });

  it('counts an update dated before the declaration as posted at once, never negative', () => {
    const r = buildDebrief(input({ events: new TimelineBuilder().declared().update(-5, null).update(60, null).resolved(100).events }));
    expect(r.keyTimes.firstUpdateAt).toBe(t(-5));
    expect(r.keyTimes.minutesToFirstUpdate).toBe(0);
    expect(r.metrics.longestSilenceMinutes).toBe(60);
    expect(r.metrics.longestSilenceFrom).toBe(DECLARED_AT);
    expect(r.metrics.longestSilenceTo).toBe(t(60));
    expect(r.markdown).toContain('| First update | 2024-03-01 09:55 | less than a minute after declaration |');
  });

  it('does not count the time a reopened crisis spent resolved', () => {
    const events = new TimelineBuilder()
      .declared()
      .update(10, null)
      .resolved(60)
      .update(200, null) // posted while resolved: counted, but no silence point
      .reopened(400)
      .update(420, null)
      .resolved(450).events;
    const r = buildDebrief(input({ crisis: crisis({ resolvedAt: t(450) }), events, now: new Date(t(600)) }));
    expect(r.metrics.longestSilenceMinutes).toBe(50);
    expect(r.metrics.longestSilenceFrom).toBe(t(10));
    expect(r.metrics.longestSilenceTo).toBe(t(60));
    expect(r.metrics.updatesPosted).toBe(3);
    expect(r.metrics.reopenings).toBe(1);
    // The final resolution is the one reported; the first is kept beside it.
    expect(r.keyTimes.resolvedAt).toBe(t(450));
    expect(r.keyTimes.minutesToResolve).toBe(450);
    expect(r.keyTimes.firstResolvedAt).toBe(t(60));
    expect(r.markdown).toContain('| First resolved (later reopened) | 2024-03-01 11:00 | +1 h after declaration |');
    expect(r.markdown).toContain('| Resolved | 2024-03-01 17:30 | +7 h 30 min after declaration |');
  });

  it('runs a reopened, still open crisis to now', () => {
    const events = new TimelineBuilder().declared().update(10, null).resolved(60).reopened(400).events;
    const r = buildDebrief(
      input({ crisis: crisis({ status: 'investigating', resolvedAt: null }), events, now: new Date(t(500)) }),
    );
    expect(r.interim).toBe(true);
    expect(r.keyTimes.resolvedAt).toBeNull();
    expect(r.keyTimes.firstResolvedAt).toBe(t(60));
    expect(r.metrics.longestSilenceMinutes).toBe(100);
    expect(r.metrics.longestSilenceFrom).toBe(t(400));
    expect(r.metrics.longestSilenceTo).toBe(t(500));
  });
});

describe('buildDebrief: hidden events and the timeline', () => {
  const builder = typicalTimeline();
  builder.update(60, 65, { hidden: true, text: 'SECRET hidden update' });
  builder.add('reminder_sent', 200, { overdue: true, minutes_since_update: 30 }, { hidden: true });
  builder.note(5, 'Written late, happened early', { permalink: 'https://example.slack.com/archives/C1/p1' });
  const report = buildDebrief(input({ events: builder.events }));

  it('leaves hidden events out of every figure', () => {
    expect(report.metrics.updatesPosted).toBe(5);
    expect(report.metrics.dueTimes).toBe(5);
    expect(report.metrics.escalations).toBe(1);
    expect(report.metrics.longestSilenceMinutes).toBe(95);
  });

  it('leaves hidden events out of the timeline and the file', () => {
    expect(report.timeline.some((e) => e.text.includes('SECRET'))).toBe(false);
    expect(report.markdown).not.toContain('SECRET');
  });

  it('orders the timeline by time, then id, with labels', () => {
    const times = report.timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(report.timeline).toHaveLength(typicalTimeline().events.length + 1);
    const [first, second, third] = report.timeline;
    expect(first).toMatchObject({ kind: 'declared', label: 'Declared' });
    expect(second).toMatchObject({ kind: 'role_assigned', label: 'Role assigned' });
    expect(third).toMatchObject({ kind: 'note', label: 'Note', permalink: 'https://example.slack.com/archives/C1/p1' });
  });
});

describe('buildDebrief: roles', () => {
  const assignments = [
    assignment(1, 'lead', 'U1', 0, 150),
    assignment(2, 'lead', 'U2', 150, null),
    assignment(3, 'info', 'U4', 30, null),
    assignment(4, 'info', 'U3', 20, 50),
  ];
  const items = [...checklist(1, 5, 2), ...checklist(2, 5, 1), ...checklist(3, 4, 4), ...checklist(4, 4, 0)];

  it('lists holdings per role in order, until relief or resolution', () => {
    const r = buildDebrief(input({ events: typicalTimeline().events, assignments, checklist: items }));
    expect(r.roles.map((s) => s.role)).toEqual(['lead', 'spokesperson', 'info', 'legal', 'support']);
    const [lead, spokesperson, info] = r.roles;
    expect(lead?.holdings).toEqual([
      { userId: 'U1', from: t(0), to: t(150), minutes: 150 },
      { userId: 'U2', from: t(150), to: null, minutes: 90 },
    ]);
    expect(info?.holdings.map((h) => [h.userId, h.minutes])).toEqual([
      ['U3', 30],
      ['U4', 210],
    ]);
    expect(spokesperson?.holdings).toEqual([]);
  });

  it('counts checklist items of all holdings of the role', () => {
    const r = buildDebrief(input({ events: typicalTimeline().events, assignments, checklist: items }));
    expect(r.roles.map((s) => [s.role, s.checklistDone, s.checklistTotal])).toEqual([
      ['lead', 3, 10],
      ['spokesperson', 0, 0],
      ['info', 4, 8],
      ['legal', 0, 0],
      ['support', 0, 0],
    ]);
  });

  it('runs an unrelieved holding to now while open', () => {
    const r = buildDebrief(
      input({ crisis: crisis({ status: 'monitoring', resolvedAt: null }), assignments, checklist: items, now: new Date(t(200)) }),
    );
    expect(r.roles[0]?.holdings[1]?.minutes).toBe(50);
  });
});

describe('buildDebrief: lessons and actions', () => {
  const lessons: Lessons[] = [
    { id: 1, crisisId: 1, wentWell: '  Fast rollback ', wentBadly: '', rootCauses: 'Untested config', planChanges: '', submittedBy: 'U1', submittedAt: t(250) },
    { id: 2, crisisId: 1, wentWell: '   ', wentBadly: 'Late statement', rootCauses: '', planChanges: '', submittedBy: 'U2', submittedAt: t(260) },
  ];
  const actions: FollowUpAction[] = [
    { id: 1, crisisId: 1, text: 'Add config tests', ownerId: 'U2', createdBy: 'U1', createdAt: t(250), doneAt: null, doneBy: null },
    { id: 2, crisisId: 1, text: 'Write the runbook', ownerId: null, createdBy: 'U1', createdAt: t(251), doneAt: t(260), doneBy: 'U1' },
  ];

  it('keeps the non-empty trimmed answers and the actions', () => {
    const r = buildDebrief(input({ lessons, actions }));
    expect(r.wentWell).toEqual(['Fast rollback']);
    expect(r.wentBadly).toEqual(['Late statement']);
    expect(r.rootCauses).toEqual(['Untested config']);
    expect(r.actions).toEqual(actions);
  });
});

describe('buildDebrief: Markdown', () => {
  const names: Record<string, string> = { U1: 'Alice', U2: 'Bob', U3: 'Carol' };
  const base: Partial<DebriefInput> = {
    events: typicalTimeline().note(30, 'Paged <@U3> and <!channel>').events,
    assignments: [assignment(1, 'lead', 'U1', 0, 150), assignment(2, 'lead', 'U2', 150, null)],
    checklist: [...checklist(1, 5, 2), ...checklist(2, 5, 1)],
    actions: [
      { id: 1, crisisId: 1, text: 'Add config tests', ownerId: 'U2', createdBy: 'U1', createdAt: t(250), doneAt: null, doneBy: null },
      { id: 2, crisisId: 1, text: 'Write the runbook', ownerId: null, createdBy: 'U1', createdAt: t(251), doneAt: t(260), doneBy: 'U1' },
    ],
    lessons: [{ id: 1, crisisId: 1, wentWell: 'Fast rollback', wentBadly: '', rootCauses: '', planChanges: '', submittedBy: 'U1', submittedAt: t(250) }],
    nameOf: (id) => names[id] ?? id,
  };
  const md = buildDebrief(input(base)).markdown;

  const HEADINGS = [
    '# After-action report: Checkout payments failing',
    '## Summary and resolution',
    '## Customer impact',
    '## Customer communications',
    '## Key times',
    '## Response metrics',
    '## Roles',
    '## Timeline',
    '## What went well',
    "## What didn't go well",
    '## Root causes',
    '## Follow-up actions',
  ];

  it('has every section, in order', () => {
    const positions = HEADINGS.map((h) => md.split('\n').indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(md).not.toContain('INTERIM');
  });

  it('shows the summary, impact and resolution', () => {
    expect(md).toContain('- Severity: sev1 (Critical)');
    expect(md).toContain('- Type: Service outage');
    expect(md).toContain('- Status: Resolved');
    expect(md).toContain('- Channel: #crisis-20240301-checkout-down');
    expect(md).toContain('- Declared by: Alice at 2024-03-01 10:00');
    expect(md).toContain('**Resolution:** Rolled back the payment gateway release.');
    expect(md).toContain('Customers cannot pay at checkout.');
    // Statements as published are read from the statements table (none given here): see debrief-statements.test.ts.
    expect(md).toContain('Customers cannot pay at checkout.\n\n## Customer communications\n\n- First statement published: none published\n');
  });

  it('shows the key times table', () => {
    expect(md).toContain('| Declared | 2024-03-01 10:00 | — |');
    expect(md).toContain('| First update | 2024-03-01 10:12 | +12 min after declaration |');
    expect(md).toContain('| First customer-facing statement | 2024-03-01 10:20 | +20 min after declaration |');
    expect(md).toContain('| Resolved | 2024-03-01 14:00 | +4 h after declaration |');
  });

  it('shows the response metrics', () => {
    expect(md).toContain('- Updates posted: 5');
    expect(md).toContain('- Reminders sent: 2');
    expect(md).toContain('- Updates on time: 3 of 5 due times (60%)');
    expect(md).toContain('- Longest silence: 1 h 35 min (2024-03-01 10:45 – 2024-03-01 12:20)');
    expect(md).toContain('- Missed updates: 2');
    expect(md).toContain('- Escalations: 1');
    expect(md).toContain('- Handovers: 1');
    expect(md).toContain('- Customer-facing statements: 2');
  });

  it('shows role holders with names and durations, and nobody for empty roles', () => {
    expect(md).toContain('### Crisis lead\n\n- Alice: 2024-03-01 10:00 – 2024-03-01 12:30 (2 h 30 min)\n- Bob: 2024-03-01 12:30 – resolution (1 h 30 min)\n- Checklist: 3/10');
    expect(md).toContain('### Legal\n\n- nobody\n- Checklist: 0/0');
  });

  it('lists every timeline entry with names instead of Slack mentions', () => {
    expect(md).toContain('- 2024-03-01 10:12 — Update — Alice: Update at +12');
    expect(md).toContain('- 2024-03-01 10:30 — Note — Alice: Paged @Carol and @channel');
    const timeline = md.split('## Timeline')[1]?.split('## What went well')[0] ?? '';
    expect(timeline.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(typicalTimeline().events.length + 1);
  });

  it('shows lessons, empty sections and actions', () => {
    expect(md).toContain('## What went well\n\n- Fast rollback');
    // The record's shortfalls, in the report's words; the team wrote nothing there.
    expect(md).toContain("## What didn't go well\n\n- Missed updates: 2 due times of the update clock passed with no update\n\n## Root causes\n\nNone recorded.");
    expect(md).toContain('- [ ] Add config tests — Bob');
    expect(md).toContain('- [x] Write the runbook — no owner');
  });

  it('marks an interim report and shows times in the configured zone', () => {
    const r = buildDebrief(
      input({ ...base, crisis: crisis({ status: 'identified', resolvedAt: null, resolutionSummary: null }), timeZone: 'Europe/Berlin' }),
    );
    expect(r.markdown).toContain('**INTERIM — the crisis is still open**');
    expect(r.markdown).toContain('All times are Europe/Berlin (GMT+1).');
    expect(r.markdown).toContain('| First update | 2024-03-01 11:12 | +12 min after declaration |');
    expect(r.markdown).toContain('| Resolved | not yet | — |');
    expect(r.markdown).toContain('- Bob: 2024-03-01 13:30 – now (2 h 30 min)');
    expect(r.markdown).toContain('**Resolution:** Not resolved yet.');
  });

  it('falls back to user ids without nameOf, and says None recorded. for an empty crisis', () => {
    const r = buildDebrief(input({ crisis: crisis({ customerImpact: '', severity: 'sev3' }) }));
    expect(r.markdown).toContain("## What didn't go well\n\nNone recorded.");
    expect(r.markdown).toContain('- Declared by: U1 at 2024-03-01 10:00');
    expect(r.markdown).toContain('## Customer impact\n\nNone recorded.');
    expect(r.markdown).toContain('## Timeline\n\nNone recorded.');
    expect(r.markdown).toContain('## Follow-up actions\n\nNone recorded.');
  });
});
