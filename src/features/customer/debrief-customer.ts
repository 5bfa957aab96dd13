/**
 * The customer side of the after-action report: how the impact was described over time, complaint
 * volume (peak, when, and the figure at resolution), the remedies offered, the final FAQ for
 * support reps, and the name of the chart uploaded beside the report. Built by `buildDebrief` and
 * rendered into the Markdown by `renderDebriefMarkdown`. Pure.
 */
import type { Crisis } from '../../core/crisis';
import { faqLabel, type FaqEntry } from './faq';
import type { ImpactVersion } from './impact';
import type { Remedy } from './remedies';
import { summariseVolume, type VolumeSample, type VolumeSummary } from './volume';
import { renderHelpdeskMarkdown, type HelpdeskDebrief } from '../helpdesk';

export interface CustomerDebriefInput {
  impactVersions: ImpactVersion[];
  /** In time order. */
  samples: VolumeSample[];
  remedies: Remedy[];
  faq: FaqEntry[];
  /** The PNG uploaded with the report; null when none could be drawn. */
  chartFileName: string | null;
  /** Help-desk tickets counted for the crisis (features/helpdesk); null or absent when none. */
  helpdesk?: HelpdeskDebrief | null;
}

export interface CustomerDebrief {
  /** Every version, oldest first; the impact given at declaration is the first. */
  impactHistory: Array<Pick<ImpactVersion, 'impact' | 'changedBy' | 'changedAt' | 'via'>>;
  volume: VolumeSummary;
  remedies: Remedy[];
  /** The final FAQ: approved answers, by number. */
  faq: FaqEntry[];
  /** Proposed and never approved. */
  faqNotApproved: FaqEntry[];
  chartFileName: string | null;
  helpdesk: HelpdeskDebrief | null;
}

/**
 * The impact's versions. Until the impact is first changed, the table holds nothing and the
 * declaration's impact (on the crisis row) is the only version.
 */
export function impactHistory(crisis: Pick<Crisis, 'customerImpact' | 'declaredBy' | 'declaredAt'>, versions: readonly ImpactVersion[]): CustomerDebrief['impactHistory'] {
  if (versions.length > 0) return versions.map(({ impact, changedBy, changedAt, via }) => ({ impact, changedBy, changedAt, via }));
  const initial = crisis.customerImpact.trim();
  return initial ? [{ impact: initial, changedBy: crisis.declaredBy, changedAt: crisis.declaredAt, via: 'declared' }] : [];
}

export function buildCustomerDebrief(crisis: Crisis, input: CustomerDebriefInput): CustomerDebrief {
  return {
    impactHistory: impactHistory(crisis, input.impactVersions),
    volume: summariseVolume(input.samples, crisis.status === 'resolved' ? crisis.resolvedAt : null),
    remedies: input.remedies,
    faq: input.faq.filter((e) => e.state === 'approved'),
    faqNotApproved: input.faq.filter((e) => e.state === 'proposed'),
    chartFileName: input.chartFileName,
    helpdesk: input.helpdesk ?? null,
  };
}

export interface MarkdownHelpers {
  at: (iso: string) => string;
  who: (userId: string) => string;
  /** Readable text for a list item (Slack markup turned into words, continuation lines indented). */
  inItem: (text: string) => string;
  interim: boolean;
}

const NONE = 'None recorded.';
const VIA: Record<CustomerDebrief['impactHistory'][number]['via'], string> = { declared: 'at declaration', command: '`/crisis impact`', modal: 'update form' };

/** The customer sections of the Markdown report, as lines. */
export function renderCustomerMarkdown(c: CustomerDebrief, h: MarkdownHelpers): string[] {
  const out: string[] = [];
  out.push('## Impact history', '');
  if (c.impactHistory.length === 0) out.push(NONE);
  for (const v of c.impactHistory) out.push(`- ${h.at(v.changedAt)} — ${h.who(v.changedBy)} (${VIA[v.via]}): ${h.inItem(v.impact)}`);
  out.push('');

  out.push('## Complaint volume', '');
  const { volume } = c;
  if (volume.samples === 0) {
    out.push('No volume samples were recorded.');
  } else {
    out.push(`- Samples: ${volume.samples} from ${volume.sources.map((s) => h.inItem(s)).join(', ')}`);
    if (volume.peak) out.push(`- Peak: ${volume.peak.count} (${h.inItem(volume.peak.source)}) at ${h.at(volume.peak.at)}`);
    if (h.interim) {
      if (volume.latest) out.push(`- Latest: ${volume.latest.count} (${h.inItem(volume.latest.source)}) at ${h.at(volume.latest.at)}; not resolved yet`);
    } else if (volume.atResolution.length === 0) {
      out.push('- At resolution: no sample before the resolution');
    } else {
      out.push(`- At resolution: ${volume.atResolution.map((p) => `${p.count} (${h.inItem(p.source)}, ${h.at(p.at)})`).join('; ')}`);
    }
  }
  const chart = c.chartFileName !== null ? `\`${c.chartFileName}\`, uploaded with this report` : volume.samples === 0 ? 'none, as no volume samples were recorded' : 'not available';
  out.push(`- Chart: ${chart}`, '');
  out.push(...renderHelpdeskMarkdown(c.helpdesk, h.at));

  out.push('## Remedies offered', '');
  if (c.remedies.length === 0) out.push(NONE);
  for (const r of c.remedies) out.push(`- ${h.inItem(r.text)} — ${h.who(r.addedBy)}, ${h.at(r.addedAt)}`);
  out.push('');

  out.push('## FAQ for support reps', '');
  if (c.faq.length === 0) out.push(NONE);
  for (const e of c.faq) {
    const approval = e.origin === 'playbook' ? 'from the playbook' : `approved by ${e.approvedBy ? h.who(e.approvedBy) : 'unknown'}${e.approvedAt ? `, ${h.at(e.approvedAt)}` : ''}`;
    out.push(`- **${faqLabel(e.number)}. ${h.inItem(e.question)}** ${h.inItem(e.answer)} _(${approval})_`);
  }
  if (c.faqNotApproved.length > 0) {
    out.push('', `Proposed and never approved: ${c.faqNotApproved.map((e) => `${faqLabel(e.number)} (${h.inItem(e.question)})`).join('; ')}`);
  }
  out.push('');
  return out;
}
