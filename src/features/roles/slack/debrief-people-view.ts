/** The debrief summary's section on people: time in role per person and the longest stint. */
import type { KnownBlock } from '@slack/types';
import type { DebriefReport } from '../../record';
import { longestStintLine, personLine } from '../debrief-people';
import { formatDebriefTime } from '../../record';
import { mention, section } from '../../../slack/views/blocks';

/** Nothing for a report built without people (older callers). */
export function timeInRoleSection(report: DebriefReport, timeZone: string): KnownBlock[] {
  const people = report.people;
  if (!people) return [];
  if (people.people.length === 0) return [section('*Time in role*\n_None recorded._')];
  const lines = people.people.map((p) => `• ${personLine(p, mention)}`);
  const longest = people.longest
    ? `\nLongest stint: ${longestStintLine(people.longest, mention, (iso) => formatDebriefTime(iso, timeZone), report.interim ? 'now' : 'resolution')}`
    : '';
  return [section(`*Time in role*\n${lines.join('\n')}${longest}`, 'debrief_people')];
}
