/**
 * One attempt of one delivery: what its subject is (a statement, a resolution, an FAQ refresh),
 * read fresh, handed to its target's client; and, once delivered, what the target calls it kept
 * (the crisis's Statuspage incident, its Zendesk macro) in the settle's transaction. The clients
 * (webhook-client.ts, statuspage-client.ts, zendesk-client.ts) own the HTTP and the look-before-
 * writing of a retry; this file only chooses and feeds them.
 */
import type { Crisis } from '../../core/crisis';
import type { ServiceDeps } from '../../core/deps';
import type { PublishingConfig } from './publishing-config';
import type { Delivery } from './outbox-repo';
import type { AttemptResult } from './outbox-rules';
import { PublishWebhookClient, webhookPayload } from './webhook-client';
import { StatuspageClient, statuspageStatus } from './statuspage-client';
import { macroComment, ZendeskMacroClient } from './zendesk-client';
import { publicNameOf } from './public-name';

const gone = (message: string): AttemptResult => ({ ok: false, failure: { kind: 'http', status: 410, message } });

/** `statement:12` → { kind, id }. */
export function subjectOf(subject: string): { kind: 'statement' | 'resolve' | 'faq'; id: number } | undefined {
  const match = /^(statement|resolve|faq):(\d+)/.exec(subject);
  return match ? { kind: match[1] as 'statement' | 'resolve' | 'faq', id: Number(match[2]) } : undefined;
}

export class DeliverySender {
  private readonly statuspage: StatuspageClient | undefined;
  private readonly zendesk: ZendeskMacroClient | undefined;

  constructor(
    private readonly deps: Pick<ServiceDeps, 'store' | 'clock' | 'playbooks' | 'settings'>,
    private readonly config: PublishingConfig,
    private readonly fetchFn?: typeof fetch,
  ) {
    const http = { nowMs: () => deps.clock.now().getTime(), ...(fetchFn ? { fetch: fetchFn } : {}) };
    this.statuspage = config.statuspage ? new StatuspageClient({ ...http, baseUrl: config.statuspage.apiUrl, apiKey: config.statuspage.apiKey, pageId: config.statuspage.pageId }) : undefined;
    this.zendesk = config.zendesk ? new ZendeskMacroClient({ ...http, baseUrl: config.zendesk.url, email: config.zendesk.email, apiToken: config.zendesk.apiToken }) : undefined;
  }

  /** One attempt; `retrying`: an earlier claim may have sent something, so look before writing. */
  async send(d: Delivery, retrying: boolean): Promise<AttemptResult> {
    const subject = subjectOf(d.subject);
    const crisis = this.deps.store.crises.find(d.crisisId);
    if (!subject || !crisis) return gone(`nothing to deliver for ${d.subject}`);
    const name = publicNameOf(this.deps, crisis);
    if (d.target === 'status-page') return { ok: true, ref: null };
    if (d.target.startsWith('webhook:')) return this.webhook(d, crisis, name);
    if (d.target === 'statuspage') return this.toStatuspage(d, crisis, name, subject.kind, retrying);
    if (d.target === 'zendesk') return this.toZendesk(d, crisis, name, subject.kind, retrying);
    return gone(`${d.target} is not a publishing target`);
  }

  /** What the target calls it, kept once delivered: inside the settle's transaction. */
  recordDelivered(d: Delivery, ref: string | null, at: string, sentFrom: string): void {
    const kind = subjectOf(d.subject)?.kind;
    const repo = this.deps.store.publishing;
    if (d.target === 'statuspage') {
      if (kind === 'resolve') repo.incidentResolved(d.crisisId, at);
      else if (ref !== null) repo.setIncident(d.crisisId, ref, at);
    } else if (d.target === 'zendesk') {
      if (kind === 'resolve') repo.macroDeactivated(d.crisisId, at);
      else {
        if (ref !== null && repo.macroOf(d.crisisId) !== ref) repo.setMacro(d.crisisId, ref, at);
        this.deps.store.outbox.coverMacroRefreshes(d.crisisId, d.id, sentFrom, ref, at);
      }
    }
  }

  private statement(d: Delivery) {
    return d.statementId === null ? undefined : this.deps.store.statements.find(d.statementId);
  }

  private async webhook(d: Delivery, crisis: Crisis, name: string): Promise<AttemptResult> {
    const hookName = d.target.slice('webhook:'.length);
    const hook = this.config.webhooks.find((w) => w.name === hookName);
    if (!hook || !this.config.secret) return gone(`the webhook ${hookName} is no longer configured (CRISIS_PUBLISH_WEBHOOKS)`);
    const s = this.statement(d);
    if (!s?.publishedAt) return gone('the statement is gone');
    const client = new PublishWebhookClient({ url: hook.url, secret: this.config.secret, nowMs: () => this.deps.clock.now().getTime(), ...(this.fetchFn ? { fetch: this.fetchFn } : {}) });
    return client.deliver(webhookPayload({ number: s.number, publicName: name, audience: s.audience, text: s.text, publishedAt: s.publishedAt, nextBy: s.promiseDueAt }), d.idempotencyKey);
  }

  private async toStatuspage(d: Delivery, crisis: Crisis, name: string, kind: 'statement' | 'resolve' | 'faq', retrying: boolean): Promise<AttemptResult> {
    if (!this.statuspage) return gone('Statuspage is no longer configured (STATUSPAGE_API_KEY, STATUSPAGE_PAGE_ID)');
    const incidentId = this.deps.store.publishing.incidentOf(crisis.id);
    if (kind === 'resolve') {
      // Nothing was ever made there: nothing to resolve.
      if (incidentId === null) return { ok: true, ref: null };
      return this.statuspage.resolve({ incidentId, idempotencyKey: d.idempotencyKey, retrying });
    }
    const s = this.statement(d);
    if (!s) return gone('the statement is gone');
    return this.statuspage.publish({ incidentId, name, status: statuspageStatus(crisis.status), body: s.text, idempotencyKey: d.idempotencyKey, retrying });
  }

  private async toZendesk(d: Delivery, crisis: Crisis, name: string, kind: 'statement' | 'resolve' | 'faq', retrying: boolean): Promise<AttemptResult> {
    if (!this.zendesk) return gone('Zendesk is no longer configured (ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN)');
    const { store } = this.deps;
    const macroId = store.publishing.macroOf(crisis.id);
    if (kind === 'resolve') {
      if (macroId === null) return { ok: true, ref: null };
      return this.zendesk.deactivate({ macroId, idempotencyKey: d.idempotencyKey });
    }
    const latestId = store.outbox.latestZendeskStatement(crisis.id);
    const latest = latestId === null ? undefined : store.statements.find(latestId);
    const faq = store.faq
      .list(crisis.id)
      .filter((f) => f.state === 'approved')
      .map((f) => ({ question: f.question, answer: f.answer }));
    const comment = macroComment({ latest: latest?.publishedAt ? { text: latest.text, publishedAt: latest.publishedAt } : null, faq, timeZone: this.deps.settings.timeZone });
    return this.zendesk.upsert({ macroId, title: name, comment, marker: `crisis-${crisis.id}`, idempotencyKey: d.idempotencyKey, retrying });
  }
}
