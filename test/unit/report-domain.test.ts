/** The report's pure parts: medians, shares, weekly buckets in the team's time zone, an empty period. */
import { buildCrossCrisisReport, localDay, median, severityBuckets, shareText, type ReportCrisis } from '../../src/features/people/report';
import { renderReportMarkdown } from '../../src/features/people/report-markdown';

function crisis(id: number, declaredAt: string, severity: ReportCrisis['severity'] = 'sev2'): ReportCrisis {
  return { id, type: 'outage', severity, status: 'investigating', isPrivate: false, title: `Crisis ${id}`, declaredAt, resolvedAt: null, leadIds: ['U1'] };
}

it('median of odd and even counts, none of nothing', () => {
  expect(median([30, 10, 20])).toBe(20);
  expect(median([40, 10, 20, 30])).toBe(25);
  expect(median([])).toBeNull();
});

it('shares read as "part of whole (percent)", n/a when there was nothing to count', () => {
  expect(shareText({ part: 2, whole: 3 })).toBe('2 of 3 (67%)');
  expect(shareText({ part: 0, whole: 0 })).toBe('n/a');
});

it('puts a crisis in the week of its local day: late Sunday evening in New York is still that week', () => {
  // 2026-03-09 02:00 UTC is Sunday 8 March, 22:00 in New York: the week of Monday 2 March there, of 9 March in UTC.
  const late = crisis(1, '2026-03-09T02:00:00.000Z');
  const since = Date.parse('2026-03-02T12:00:00.000Z');
  const now = Date.parse('2026-03-12T12:00:00.000Z');
  expect(severityBuckets([late], since, now, 'America/New_York', 10)).toMatchObject({ labels: ['Mar 2', 'Mar 9'], counts: { sev2: [1, 0] } });
  expect(severityBuckets([late], since, now, 'UTC', 10)).toMatchObject({ labels: ['Mar 2', 'Mar 9'], counts: { sev2: [0, 1] } });
  expect(localDay(Date.parse('1970-01-01T00:00:00Z'), 'UTC')).toBe(0);
});

it('an empty period still has its weeks, its figures as n/a, and a file that says so', () => {
  const report = buildCrossCrisisReport({ days: 7, now: new Date('2026-03-31T12:00:00Z'), timeZone: 'UTC', crises: [], facts: new Map(), openActionsByOwner: [], planChanges: [], typeLabel: (t) => t });
  expect(report).toMatchObject({ total: 0, firstUpdate: { minutes: null, of: 0, total: 0 }, updatesOnTime: { part: 0, whole: 0 } });
  expect(report.buckets.labels).toEqual(['Mar 23', 'Mar 30']);
  const md = renderReportMarkdown(report, (t) => t);
  expect(md).toContain('- Median time to first update: n/a (no crisis had one)');
  expect(md).toContain('## Crises by type and severity\n\nNone declared.');
  expect(md).toContain('## Proposed changes to our plan\n\nNone proposed.');
});

it('lists at most 200 crises in the file, newest first, and counts them all', () => {
  const crises = Array.from({ length: 250 }, (_, i) => crisis(i + 1, new Date(Date.parse('2026-01-01T00:00:00Z') + i * 3_600_000).toISOString()));
  const report = buildCrossCrisisReport({ days: 120, now: new Date('2026-03-31T12:00:00Z'), timeZone: 'UTC', crises, facts: new Map(), openActionsByOwner: [], planChanges: [], typeLabel: (t) => t });
  const md = renderReportMarkdown(report, (t) => t);
  expect(md).toContain('- Crises declared: 250');
  expect(md).toContain('| Crisis 250 |');
  expect(md).not.toContain('| Crisis 50 |');
  expect(md).toContain('…and 50 older crises, counted above but not listed.');
});
