/**
 * The FAQ for support reps. An answer is proposed as `F<n>` (numbered per crisis) and approved by
 * the legal holder or the spokesperson (the lead while neither is filled, unless the playbook
 * requires legal; crisis admins too), never by the person who proposed it; each
 * step and its timeline row are one transaction, checked against a fresh read. The FAQ starts, once,
 * from the crisis type's playbook entries.
 *
 * Approved answers and the remedies form ONE message in the channel: posted and pinned the first
 * time there is something to show, then edited in place (never reposted) as it changes, and support
 * reps get a DM each time. Those Slack steps come after the change is stored and may only warn;
 * they run one at a time per crisis, so two approvals at once cannot post two FAQ messages. The
 * card counts the answers, so every change here repaints it, beside the other steps.
 */
import type { Crisis } from '../../core/crisis';
import { CrisisError } from '../../core/errors';
import { assertCanApproveFaq, faqApprovers, faqLabel, validateFaq } from './faq';
import type { FaqChange, FaqDocument } from './customer-ports';
import type { ServiceDeps } from '../../core/deps';
import type { CrisisSnapshot } from '../../core/ports';
import { bestEffort, current, refreshCard, snapshotById } from '../../core/snapshot';
import { cutText } from '../../core/text';
import { people, person } from '../../core/words';

export interface FaqResult {
  message: string;
  warnings: string[];
}

export class FaqService {
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Starts the FAQ from the playbook if it was not started yet. Call inside a transaction; returns
   * how many entries it seeded (0 when already started or the playbook has none).
   */
  startIn(crisis: Crisis, at: string): number {
    const { store } = this.deps;
    if (!store.faq.start(crisis.id, at)) return 0;
    let seeded = 0;
    for (const seed of this.deps.customer?.faqSeeds?.faqSeeds(crisis.type) ?? []) {
      try {
        const { question, answer } = validateFaq(seed.question, seed.answer);
        store.faq.add(crisis.id, { question, answer, origin: 'playbook', state: 'approved', proposedBy: null, at });
        seeded += 1;
      } catch (err) {
        // A playbook entry the FAQ cannot hold (checked at start-up, so only a bad one slipping
        // through) is left out rather than refusing the person's own change.
        this.deps.logger.warn('playbook FAQ entry left out', { crisisId: crisis.id, question: cutText(seed.question, 80), error: err });
      }
    }
    if (seeded > 0) {
      store.timeline.append(crisis.id, { kind: 'faq_started', occurredAt: at, actorId: null, text: `FAQ started from the playbook: ${seeded} answer${seeded === 1 ? '' : 's'}`, data: { entries: seeded } }, at);
    }
    return seeded;
  }

  document(crisisId: number): FaqDocument {
    const entries = this.deps.store.faq.list(crisisId);
    return {
      approved: entries.filter((e) => e.state === 'approved'),
      proposed: entries.filter((e) => e.state === 'proposed'),
      remedies: this.deps.store.remedies.list(crisisId),
    };
  }

  /**
   * The FAQ for `/crisis faq`, started from the playbook if this is its first use; `publish` posts
   * the FAQ message when starting it seeded answers (run it after answering the person).
   */
  open(given: Crisis): { document: FaqDocument; publish: (() => Promise<string[]>) | null } {
    const crisis = current(this.deps, given);
    const at = this.deps.clock.now().toISOString();
    const seeded = this.deps.store.transaction(() => this.startIn(crisis, at));
    const publish =
      seeded > 0
        ? async () => (await Promise.all([this.publish(crisis.id, { summary: 'The FAQ was started from the playbook', by: null }), this.repaintCard(crisis.id)]))[0]
        : null;
    return { document: this.document(crisis.id), publish };
  }

  async propose(given: Crisis, actorId: string, question: string, answer: string): Promise<FaqResult> {
    const { store, clock } = this.deps;
    const crisis = current(this.deps, given);
    const faq = validateFaq(question, answer);
    const at = clock.now().toISOString();
    const { entry, seeded } = store.transaction(() => {
      const seededNow = this.startIn(crisis, at);
      const added = store.faq.add(crisis.id, { ...faq, origin: 'proposed', state: 'proposed', proposedBy: actorId, at });
      const label = faqLabel(added.number);
      store.timeline.append(crisis.id, { kind: 'faq_proposed', occurredAt: at, actorId, text: `${label} proposed: ${faq.question}`, data: { faq_id: added.id, number: added.number } }, at);
      return { entry: added, seeded: seededNow };
    });
    const label = faqLabel(entry.number);
    const snapshot = snapshotById(this.deps, crisis.id);
    const found = faqApprovers(snapshot.holders, this.deps.playbooks.legalRequired(crisis.type));
    // The one who proposed it never approves it (see assertCanApproveFaq).
    const approvers = { ...found, holders: found.holders.filter((id) => id !== actorId) };
    const warnings: string[] = [];
    const customer = this.deps.customer;
    const steps: Array<Promise<string[]>> = [this.repaintCard(crisis.id)];
    if (customer) {
      steps.push(
        bestEffort(this.deps, `post ${label} for approval in the channel`, async () => {
          const posted = await customer.notifier.postFaqProposal(snapshot, entry, approvers.holders);
          store.faq.setProposal(entry.id, posted.channelId, posted.ts);
        }).then((w) => (w ? [w] : [])),
      );
    }
    if (seeded > 0) steps.push(this.publish(crisis.id, { summary: 'The FAQ was started from the playbook', by: null }));
    for (const w of await Promise.all(steps)) warnings.push(...w);
    const ownStandIn = found.leadStandsIn && found.holders.includes(actorId);
    const who = ownStandIn
      ? 'Legal or the spokesperson, once assigned (you proposed it, so you do not approve it as the lead standing in),'
      : approvers.holders.length
        ? `${approvers.leadStandsIn ? 'The lead (standing in for legal and the spokesperson)' : 'Legal or the spokesperson'} (${people(approvers.holders)})`
        : 'Legal or the spokesperson, once assigned,';
    return { message: `Proposed *${label}*. ${who} can approve it with \`/crisis approve ${label}\` or the button in the channel.`, warnings };
  }

  async approve(given: Crisis, actorId: string, number: number): Promise<FaqResult> {
    const { store, clock, settings } = this.deps;
    const crisis = current(this.deps, given);
    const label = faqLabel(number);
    const entry = store.faq.byNumber(crisis.id, number);
    if (!entry) {
      const waiting = store.faq.list(crisis.id).filter((e) => e.state === 'proposed').map((e) => `\`${faqLabel(e.number)}\``);
      throw new CrisisError('not_found', `There is no ${label} in this crisis. ${waiting.length ? `Waiting for approval: ${waiting.join(', ')}.` : 'No answer is waiting for approval.'} \`/crisis faq\` shows the FAQ.`);
    }
    if (entry.state === 'approved') {
      const by = entry.approvedBy ? ` by ${person(entry.approvedBy)}` : entry.origin === 'playbook' ? ' (it came from the playbook)' : '';
      throw new CrisisError('already_done', `${label} is already approved${by}. Nothing changed.`);
    }
    const snapshot = snapshotById(this.deps, crisis.id);
    const as = assertCanApproveFaq(snapshot.holders, settings.admins, actorId, label, { legalRequired: this.deps.playbooks.legalRequired(crisis.type), proposedBy: entry.proposedBy });
    const at = clock.now().toISOString();
    const note = as === 'lead' ? ' (the lead, standing in: no legal holder or spokesperson)' : as === 'admin' ? ' (crisis admin)' : '';
    store.transaction(() => {
      if (!store.faq.approve(entry.id, actorId, at)) throw new CrisisError('already_done', `${label} was approved a moment ago. Nothing changed.`);
      store.timeline.append(crisis.id, { kind: 'faq_approved', occurredAt: at, actorId, text: `${label} approved${note}: ${entry.question}`, data: { faq_id: entry.id, number } }, at);
    });
    const approved = store.faq.get(entry.id);
    const customer = this.deps.customer;
    const steps: Array<Promise<string[]>> = [this.publish(crisis.id, { summary: `${label} approved by ${person(actorId)}: ${entry.question}`, by: actorId }), this.repaintCard(crisis.id)];
    if (customer && approved.proposalTs) {
      steps.push(bestEffort(this.deps, `mark ${label} approved in the channel`, () => customer.notifier.updateFaqProposal(snapshot, approved)).then((w) => (w ? [w] : [])));
    }
    const warnings = (await Promise.all(steps)).flat();
    return { message: `*${label}* approved${note}; it is in the pinned FAQ, and support reps were told.`, warnings };
  }

  /**
   * Brings the FAQ message in line with what is stored and tells support reps. Posts and pins it
   * the first time there is something to show; edits it after that.
   */
  publish(crisisId: number, change: FaqChange): Promise<string[]> {
    return this.serial(crisisId, () => this.publishNow(crisisId, change));
  }

  private async publishNow(crisisId: number, change: FaqChange): Promise<string[]> {
    const { store, clock } = this.deps;
    const customer = this.deps.customer;
    if (!customer) return [];
    const document = this.document(crisisId);
    const state = store.faq.message(crisisId);
    if (!state?.ts && document.approved.length === 0 && document.remedies.length === 0) return [];
    const snapshot = snapshotById(this.deps, crisisId);
    const at = clock.now().toISOString();
    const existingTs = state?.ts;
    // The message (edited, or posted and then pinned) and the DMs, which need nothing of it, at once.
    const message: Promise<Array<string | null>> = existingTs
      ? bestEffort(this.deps, 'update the pinned FAQ message', async () => {
          await customer.notifier.updateFaq(snapshot, existingTs, document);
          store.faq.touchMessage(crisisId, at);
        }, { crisisId }).then((w) => [w])
      : this.postAndPin(snapshot, at, () => customer.notifier.postFaq(snapshot, document));
    const dms = snapshot.holders.support.map((rep) =>
      bestEffort(this.deps, `send the FAQ to ${person(rep)}`, () => customer.notifier.dmFaq(rep, snapshot, document, change), { crisisId }),
    );
    const [shown, ...told] = await Promise.all([message, ...dms]);
    return [...shown, ...told].filter((w): w is string => w !== null);
  }

  /** Posts the FAQ message (`post`), records it, then pins it; the warnings of the post and of the pin. */
  private async postAndPin(snapshot: CrisisSnapshot, at: string, post: () => Promise<string>): Promise<Array<string | null>> {
    const { store, notifier } = this.deps;
    const { id: crisisId, channelId } = snapshot.crisis;
    let ts: string | undefined;
    const posted = await bestEffort(this.deps, 'post the FAQ message in the channel', async () => {
      ts = await post();
    }, { crisisId });
    if (ts === undefined) return [posted];
    const postedTs = ts;
    store.transaction(() => {
      store.faq.start(crisisId, at);
      store.faq.setMessage(crisisId, channelId, postedTs, at);
    });
    return [posted, await bestEffort(this.deps, 'pin the FAQ message', () => notifier.pin(channelId, postedTs), { crisisId })];
  }

  /** The card's FAQ line; a failure is only logged (see refreshCard). */
  private async repaintCard(crisisId: number): Promise<string[]> {
    await refreshCard(this.deps, crisisId);
    return [];
  }

  /** Runs `work` after the crisis's previous FAQ work finished, whatever its outcome. */
  private serial<T>(crisisId: number, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(crisisId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const tail = next.catch(() => undefined);
    this.queues.set(crisisId, tail);
    void tail.then(() => {
      if (this.queues.get(crisisId) === tail) this.queues.delete(crisisId);
    });
    return next;
  }
}
