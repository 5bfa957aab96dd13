/**
 * The customer side's outside calls, recorded: FAQ posts and edits, proposals, DMs, rise notices,
 * chart renders. Each can be slowed down or made to fail, for the service tests.
 */
import type { ChartSpec } from '../../src/core/chart-spec';
import type { CrisisType } from '../../src/core/crisis';
import type { FaqEntry, FaqSeed } from '../../src/features/customer/faq';
import type { ChartRenderer } from '../../src/core/chart-port';
import type { CustomerNotifier, CustomerPorts, FaqChange, FaqDocument, VolumeRise } from '../../src/features/customer/customer-ports';
import type { CrisisSnapshot } from '../../src/core/ports';

export class FakeCustomerNotifier implements CustomerNotifier {
  readonly faqPosts: FaqDocument[] = [];
  readonly faqUpdates: Array<{ ts: string; doc: FaqDocument }> = [];
  readonly faqDms: Array<{ userId: string; change: FaqChange }> = [];
  readonly proposals: FaqEntry[] = [];
  readonly proposalUpdates: FaqEntry[] = [];
  readonly riseNotices: VolumeRise[] = [];
  readonly riseDms: Array<{ userId: string; rise: VolumeRise }> = [];
  /** Milliseconds each FAQ post takes (a slow Slack). */
  postDelayMs = 0;

  async postFaq(_snapshot: CrisisSnapshot, faq: FaqDocument): Promise<string> {
    if (this.postDelayMs) await new Promise((resolve) => setTimeout(resolve, this.postDelayMs));
    this.faqPosts.push(faq);
    return `9.${String(this.faqPosts.length).padStart(6, '0')}`;
  }
  async updateFaq(_snapshot: CrisisSnapshot, ts: string, faq: FaqDocument): Promise<void> {
    this.faqUpdates.push({ ts, doc: faq });
  }
  async dmFaq(userId: string, _snapshot: CrisisSnapshot, _faq: FaqDocument, change: FaqChange): Promise<void> {
    this.faqDms.push({ userId, change });
  }
  async postFaqProposal(snapshot: CrisisSnapshot, entry: FaqEntry): Promise<{ channelId: string; ts: string }> {
    this.proposals.push(entry);
    return { channelId: snapshot.crisis.channelId, ts: `8.${String(this.proposals.length).padStart(6, '0')}` };
  }
  async updateFaqProposal(_snapshot: CrisisSnapshot, entry: FaqEntry): Promise<void> {
    this.proposalUpdates.push(entry);
  }
  async postRiseNotice(_snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void> {
    this.riseNotices.push(rise);
  }
  async dmRise(userId: string, _snapshot: CrisisSnapshot, rise: VolumeRise): Promise<void> {
    this.riseDms.push({ userId, rise });
  }
}

export class FakeChartRenderer implements ChartRenderer {
  readonly specs: ChartSpec[] = [];
  fail = false;

  async renderPng(spec: ChartSpec): Promise<Buffer> {
    this.specs.push(spec);
    if (this.fail) throw new Error('no canvas here');
    return Buffer.from('89504e470d0a1a0a', 'hex');
  }
}

export class FakeFaqSeeds {
  readonly askedFor: CrisisType[] = [];
  constructor(private readonly seeds: Partial<Record<CrisisType, FaqSeed[]>>) {}

  faqSeeds(type: CrisisType): FaqSeed[] {
    this.askedFor.push(type);
    return this.seeds[type] ?? [];
  }
}

export function fakeCustomerPorts(seeds: Partial<Record<CrisisType, FaqSeed[]>> = {}): CustomerPorts & { notifier: FakeCustomerNotifier; chart: FakeChartRenderer; faqSeeds: FakeFaqSeeds } {
  return { notifier: new FakeCustomerNotifier(), chart: new FakeChartRenderer(), faqSeeds: new FakeFaqSeeds(seeds) };
}
