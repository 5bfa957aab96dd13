/**
 * What the debrief needs from the customer side: the facts for the Markdown sections, and the
 * volume chart drawn as a PNG to upload beside the report. The chart is optional: a crisis with no
 * volume samples has none (the report says none were recorded), and without a renderer, or when
 * drawing fails (logged), the report says so and goes out without it.
 */
import type { Crisis } from '../../core/crisis';
import type { CustomerDebriefInput } from './debrief-customer';
import { buildVolumeChart } from './volume-chart';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { DebriefAttachment } from '../../core/debrief-attachment';
import { cutText } from '../../core/text';
import { helpdeskDebrief, negativeShareChartSeries } from '../helpdesk';

export function customerDebriefInput(store: Store, crisisId: number, chartFileName: string | null): CustomerDebriefInput {
  return {
    impactVersions: store.impact.list(crisisId),
    samples: store.volume.list(crisisId),
    remedies: store.remedies.list(crisisId),
    faq: store.faq.list(crisisId),
    chartFileName,
    helpdesk: helpdeskDebrief(store.helpdesk, crisisId, store.statements.list(crisisId)),
  };
}

export function volumeChartFileName(crisis: Pick<Crisis, 'channelName'>): string {
  return `${crisis.channelName}-volume.png`;
}

export async function volumeChartAttachment(deps: ServiceDeps, crisis: Crisis): Promise<DebriefAttachment | null> {
  const renderer = deps.customer?.chart;
  if (!renderer) return null;
  const { store, clock, settings } = deps;
  try {
    const spec = buildVolumeChart({
      crisis,
      samples: store.volume.list(crisis.id),
      events: store.timeline.list(crisis.id),
      deadlines: store.deadlines.list(crisis.id),
      now: clock.now(),
      timeZone: settings.timeZone,
    });
    if (spec === null) return null;
    // The negative share of help-desk tickets beside volume, on its own 0–100 % axis.
    const share = negativeShareChartSeries(store.helpdesk, crisis.id, deps.helpdesk?.periodMs ?? 15 * 60_000, crisis.declaredAt, new Date(spec.toMs).toISOString());
    const bytes = await renderer.renderPng(share ? { ...spec, shareSeries: share } : spec);
    return { filename: volumeChartFileName(crisis), title: cutText(`Complaint volume: ${crisis.title}`, 250), bytes, contentType: 'image/png' };
  } catch (err) {
    deps.logger.warn('could not draw the volume chart for the debrief', { crisisId: crisis.id, error: err });
    return null;
  }
}
