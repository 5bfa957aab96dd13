/**
 * Publishing: a published statement's deliveries written in the publish's own transaction (the
 * outbox), then sent by a ticker that claims each due row with a lease, sends it once, and settles
 * it by the outbox rules (retried with backoff for up to 24 hours; a give-up told in the channel
 * and to the spokesperson). Resolutions (Statuspage resolved, the Zendesk macro deactivated) and
 * FAQ approvals (the macro refreshed) join the outbox on the tick, each once, by their subject.
 *
 * Never twice: a row is sent only under a claim won by compare-and-set; a sender that died leaves
 * a lease that lapses, and the next claim retries with `retrying` set so the client looks before it
 * writes (webhooks carry the same Idempotency-Key). Survives restarts: everything is rows.
 */
import type { Crisis } from '../../core/crisis';
import type { ServiceDeps } from '../../core/deps';
import { CrisisError } from '../../core/errors';
import { currentHolders } from '../../core/roles';
import { snapshotById } from '../../core/snapshot';
import { showStatement, type PublishHook, type Statement } from '../statements';
import { DeliverySender } from './delivery-sender';
import { afterAttempt, giveUpAt, idempotencyKey, leaseUntil, type AttemptResult, type DeliveryProgress } from './outbox-rules';
import type { PublishingConfig } from './publishing-config';
import type { PublishingPorts } from './publishing-ports';
import type { Delivery } from './outbox-repo';
import { checkPublicName, publicNameOf } from './public-name';
import { configuredTargets, defaultTarget, parseWhere, targetLabel, targetWord, unconfiguredText, type Target } from './publish-targets';
import { buildStatusPageModel } from './status-page-source';
import type { StatusPageModel } from './status-page-model';

export interface PublishingTickResult {
  queued: number;
  sent: number;
  delivered: number;
  retrying: number;
  failed: number;
  told: number;
}

const OFF: PublishingConfig = { statusPage: { enabled: false, title: 'Service status' }, webhooks: [], secret: undefined, statuspage: undefined, zendesk: undefined };
const BATCH = 100;
const CONCURRENCY = 4;
const MAX_ROUNDS = 20;

export class PublishingService implements PublishHook {
  readonly config: PublishingConfig;
  private readonly sender: DeliverySender;
  private readonly random: () => number;
  private running: Promise<PublishingTickResult> | undefined;
  private again = false;
  private sending = 0;
  private stopped = false;

  constructor(private readonly deps: ServiceDeps) {
    const ports: PublishingPorts | undefined = deps.publishing;
    this.config = ports?.config ?? OFF;
    this.sender = new DeliverySender(deps, this.config, ports?.fetch);
    this.random = ports?.random ?? Math.random;
  }

  /** Deliveries being sent or a tick under way (the bot's activity, so tests can wait for them). */
  get underWay(): number {
    return this.sending + (this.running ? 1 : 0);
  }

  targets(): Target[] {
    return configuredTargets(this.config);
  }

  /** The configured targets with the one an audience goes to by default. */
  targetChoices(audience: Statement['audience']): { targets: Target[]; selected: Target | undefined } {
    return { targets: this.targets(), selected: defaultTarget(audience, this.config) };
  }

  // ---- PublishHook (the publish's own checks and transaction) ----

  check(_crisis: Crisis, _statement: Statement, where: string): void {
    const parsed = parseWhere(where, this.config);
    if (parsed.unconfigured.length) {
      const available = this.targets().map((t) => `\`${targetWord(t)}\``).join(', ');
      throw new CrisisError('bad_input', `Can't publish there: ${unconfiguredText(parsed.unconfigured)}. ${available ? `Targets here: ${available}; any other words are recorded only.` : 'Any other words are recorded only.'} Nothing changed.`, 'where');
    }
  }

  record(crisis: Crisis, statement: Statement, where: string, at: string, named: boolean): string {
    const { targets, recorded } = parseWhere(where, this.config);
    if (targets.length === 0) {
      // Where the person named a place, it is recorded as said; a bare publish is offered the targets.
      if (named) return '';
      const offer = this.targets().map((t) => `\`${targetWord(t)}\``).join(', ');
      return offer ? `Nothing was delivered: the bot delivers to ${offer} when named, e.g. \`/crisis publish S<n> ${targetWord(this.targetChoices(statement.audience).selected ?? this.targets()[0] ?? 'status-page')}\`.` : '';
    }
    if (crisis.isDrill) return `This is a drill: recorded only, nothing delivered to ${targets.map(targetWord).join(', ')}.`;
    const { publishing, outbox } = this.deps.store;
    const subject = `statement:${statement.id}`;
    for (const target of targets) {
      if (target === 'status-page') publishing.addPageEntry(statement.id, crisis.id, statement.text, at);
      outbox.addDelivery({ crisisId: crisis.id, statementId: statement.id, subject, target, idempotencyKey: idempotencyKey(subject, target), createdAt: at, delivered: target === 'status-page' });
    }
    const sent = targets.filter((t) => t !== 'status-page');
    const page = targets.includes('status-page') ? 'It is on the status page now' : '';
    const out = sent.length ? `${page ? `${page}; ` : ''}delivering to ${sent.map((t) => targetLabel(t)).join(', ')} (\`/crisis deliveries\` shows how it goes)` : page;
    return `${out}.${recorded.length ? ` Recorded only: ${recorded.join(', ')}.` : ''}`;
  }

  published(): void {
    this.wake();
  }

  // ---- What people ask ----

  publicName(crisis: Crisis): string {
    return publicNameOf(this.deps, crisis);
  }

  setPublicName(crisis: Crisis, actorId: string, text: string): string {
    const { store, clock, settings } = this.deps;
    const holders = currentHolders(store.roles.active(crisis.id));
    const allowed = [...holders.lead, ...holders.spokesperson, ...settings.admins];
    if (!allowed.includes(actorId)) {
      throw new CrisisError('forbidden', 'Only the lead, the spokesperson or a crisis admin may set the public name. Nothing changed.');
    }
    const name = checkPublicName(text, crisis);
    store.transaction(() => store.publishing.setPublicName(crisis.id, name, actorId, clock.now().toISOString()));
    return name;
  }

  deliveries(crisis: Pick<Crisis, 'id'>): Delivery[] {
    return this.deps.store.outbox.ofCrisis(crisis.id);
  }

  statusPageModel(): StatusPageModel {
    return buildStatusPageModel(this.deps, this.config.statusPage.title);
  }

  // ---- The ticker ----

  /** Starts a tick in the background now (after a publish); one already running runs once more after. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.tick().catch((err: unknown) => this.deps.logger.warn('publishing tick failed; the next tick tries again', { error: err }));
  }

  /** No more wakes; waits for the tick under way (the database closes after). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => undefined);
  }

  tick(): Promise<PublishingTickResult> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = (async () => {
      const total: PublishingTickResult = { queued: 0, sent: 0, delivered: 0, retrying: 0, failed: 0, told: 0 };
      // Again while something was delivered (the next of a crisis's target waits behind it) or a
      // publish woke it meanwhile; a bounded number of rounds.
      for (let round = 0; round < MAX_ROUNDS; round += 1) {
        this.again = false;
        const one = await this.tickOnce();
        for (const key of Object.keys(total) as Array<keyof PublishingTickResult>) total[key] += one[key];
        if (this.stopped || !(this.again || one.delivered > 0)) break;
      }
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async tickOnce(): Promise<PublishingTickResult> {
    const { store, clock } = this.deps;
    const result: PublishingTickResult = { queued: 0, sent: 0, delivered: 0, retrying: 0, failed: 0, told: 0 };
    result.queued = this.queueFollowUps();
    const at = clock.now().toISOString();
    const due = store.outbox.due(at, BATCH);
    // Per crisis and target, only the oldest unsettled row: an incident is made before it is updated.
    const seen = new Set<string>();
    const queue = due.filter((d) => {
      const key = `${d.crisisId}\u0000${d.target}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return store.outbox.firstUnsettled(d.crisisId, d.target) === d.id;
    });
    const worker = async (): Promise<void> => {
      for (let d = queue.shift(); d; d = queue.shift()) await this.sendOne(d, result);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
    result.told = await this.tellGiveUps();
    return result;
  }

  /** Resolutions and FAQ refreshes not yet in the outbox join it, each once (by subject and target). */
  private queueFollowUps(): number {
    const { store, clock } = this.deps;
    const repo = store.outbox;
    // Read first: most ticks find nothing, and then take no write lock.
    const resolutions = repo.resolutionsDue();
    const refreshes = this.config.zendesk ? repo.faqDue() : [];
    if (resolutions.length === 0 && refreshes.length === 0) return 0;
    const at = clock.now().toISOString();
    return store.transaction(() => {
      let n = 0;
      for (const r of resolutions) {
        const subject = `resolve:${r.crisisId}:${r.resolvedAt}`;
        if (repo.addDelivery({ crisisId: r.crisisId, statementId: null, subject, target: r.target, idempotencyKey: idempotencyKey(subject, r.target), createdAt: at })) n += 1;
      }
      for (const f of refreshes) {
        const subject = `faq:${f.faqId}`;
        if (repo.addDelivery({ crisisId: f.crisisId, statementId: null, subject, target: 'zendesk', idempotencyKey: idempotencyKey(subject, 'zendesk'), createdAt: at })) n += 1;
      }
      return n;
    });
  }

  private async sendOne(d: Delivery, result: PublishingTickResult): Promise<void> {
    const { store, clock, logger } = this.deps;
    const lease = leaseUntil(clock.now());
    const sentFrom = clock.now().toISOString();
    if (!store.outbox.claim(d.id, lease, sentFrom)) return;
    this.sending += 1;
    try {
      let after: DeliveryProgress;
      const now0 = clock.now();
      if (now0.getTime() >= Date.parse(giveUpAt(d.createdAt))) {
        // Past its 24 hours (the bot was down, say): a statement that old is not sent late, it gives up.
        after = { ...d, state: 'failed', nextAttemptAt: null, settledAt: now0.toISOString(), lastError: d.lastError ?? 'not sent within 24 hours of publishing (the bot was not running)' };
      } else {
        result.sent += 1;
        let outcome: AttemptResult;
        try {
          // A claim before this one may have sent and died before settling: the client looks first.
          outcome = await this.sender.send(d, d.claims > 0);
        } catch (err) {
          outcome = { ok: false, failure: { kind: 'network', message: err instanceof Error ? err.message : String(err) } };
        }
        after = afterAttempt(d, outcome, clock.now(), this.random);
      }
      const now = clock.now();
      const settled = store.transaction(() => {
        if (!store.outbox.settle(d.id, lease, after)) return false;
        if (after.state === 'delivered') this.sender.recordDelivered(d, after.ref, now.toISOString(), sentFrom);
        return true;
      });
      if (!settled) {
        logger.warn('a delivery was settled by another sender meanwhile', { deliveryId: d.id });
        return;
      }
      result[after.state === 'delivered' ? 'delivered' : after.state === 'failed' ? 'failed' : 'retrying'] += 1;
      if (after.state !== 'delivered') logger.warn('a delivery did not go through', { deliveryId: d.id, target: d.target, state: after.state, error: after.lastError });
      await this.repaint(d);
    } finally {
      this.sending -= 1;
    }
  }

  /** The statement's message shows each target's state: repainted after each attempt (best effort). */
  private async repaint(d: Delivery): Promise<void> {
    if (d.statementId === null) return;
    const statement = this.deps.store.statements.find(d.statementId);
    if (!statement?.messageTs) return;
    await showStatement(this.deps, snapshotById(this.deps, d.crisisId), statement);
  }

  /** Each delivery that gave up is told once in the channel (mentioning the voice) and by DM to the voice. */
  private async tellGiveUps(): Promise<number> {
    const { store, clock, logger } = this.deps;
    const notifier = this.deps.publishing?.notifier;
    if (!notifier) return 0;
    let told = 0;
    for (const d of store.outbox.untold(clock.now().toISOString(), BATCH)) {
      const lease = leaseUntil(clock.now());
      if (!store.outbox.claimTell(d.id, lease, clock.now().toISOString())) continue;
      const snapshot = snapshotById(this.deps, d.crisisId);
      const { spokesperson, lead } = snapshot.holders;
      const voiceIds = spokesperson.length ? [...spokesperson] : [...lead];
      const statement = d.statementId === null ? undefined : store.statements.find(d.statementId);
      const notice = { delivery: store.outbox.get(d.id), statementNumber: statement?.number ?? null, voiceIds };
      try {
        await notifier.postGaveUp(snapshot, notice);
      } catch (err) {
        store.outbox.releaseTell(d.id, lease);
        logger.warn('could not tell the channel a delivery gave up; the next tick tries again', { deliveryId: d.id, error: err });
        continue;
      }
      store.outbox.markTold(d.id, lease, clock.now().toISOString());
      told += 1;
      await Promise.all(
        voiceIds.map((userId) =>
          notifier.dmGaveUp(userId, snapshot, notice).catch((err: unknown) => logger.warn('could not DM that a delivery gave up', { deliveryId: d.id, userId, error: err })),
        ),
      );
    }
    return told;
  }
}
