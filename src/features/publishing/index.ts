/**
 * Publishing (issue 20): the public status page, and the delivery of published statements to
 * Statuspage, Zendesk macros and webhooks from a durable outbox (see DESIGN.md). Other features
 * reach it through this file only.
 */
import type { FeatureModule } from '../../core/feature-module';
import type { PublishingPorts } from './publishing-ports';
import { OutboxRepo, type Delivery } from './outbox-repo';
import { PublishingRepo } from './publishing-repo';
import { PublishingService } from './publishing-service';
import { publishingSlack } from './slack';

declare module '../../core/store' {
  interface Repositories {
    /** Public names, the status page's entries, the Statuspage incidents and Zendesk macros (0010_publishing.sql). */
    publishing: PublishingRepo;
    /** The delivery outbox (0010_publishing.sql). */
    outbox: OutboxRepo;
  }
}

declare module '../../core/deps' {
  interface ServiceDeps {
    /** The publishing targets' configuration and the give-up notices; without them nothing is delivered and the status page is empty. */
    publishing?: PublishingPorts;
  }
}

declare module '../../core/services' {
  interface Services {
    /** Public names, the status page and the delivery outbox (Statuspage, Zendesk, webhooks). */
    publishing: PublishingService;
  }
}

declare module '../../core/ports' {
  interface CrisisSnapshot {
    /** Every delivery of the crisis's published statements (the statement's message shows each target's state). */
    deliveries?: Delivery[];
  }
}

export const publishingFeature: FeatureModule = {
  id: 'publishing',
  migrations: ['0010_publishing.sql'],
  repositories: (db) => ({ publishing: new PublishingRepo(db), outbox: new OutboxRepo(db) }),
  services: { publishing: (deps) => new PublishingService(deps) },
  // After the alerts (20): a delivery that gave up is told on the same tick it gave up.
  tickers: (s) => [{ name: 'publishing', order: 40, ticker: s.publishing }],
  snapshot: (deps, crisis) => ({ deliveries: deps.store.outbox.ofCrisis(crisis.id) }),
  slack: publishingSlack,
};

export * from './status-page-model';
export { renderStatusPageHtml, escapeHtml, statusPageUrls } from './status-page-html';
export { renderStatusPageJson, buildStatusJson } from './status-page-json';
export { renderStatusPageAtom } from './status-page-atom';
export { createStatusPageHandler, statusPageRoutes, computeEtag, etagMatches, CACHE_CONTROL, STATUS_PATHS } from './status-page-http';
export { statusPageRoutesFor } from './status-page-routes';
export * from './outbox-rules';
export { PublishWebhookClient, webhookPayload, WebhookPayloadSchema, type WebhookPayload, type WebhookStatement } from './webhook-client';
export { StatuspageClient, statuspageStatus, STATUSPAGE_API_URL, type StatuspageStatus } from './statuspage-client';
export { ZendeskMacroClient, macroComment, type FaqAnswer } from './zendesk-client';
export { parsePublishingEnv, publishingSecrets, type PublishingConfig } from './publishing-config';
export type { PublishingPorts } from './publishing-ports';
export type { Delivery } from './outbox-repo';
export { PublishingService } from './publishing-service';
export { SlackPublishingNotifier } from './slack/publishing-notifier';
// Leaf views other features show: the statement message's delivery lines, the Publish form's
// target checkboxes, the FAQ DM's note that the macro is current.
export { deliveryBlocks, macroNoteBlocks } from './slack/delivery-views';
export { PUBLISH_TARGETS_INPUT, targetCheckboxes, whereFrom, type TargetChoices } from './slack/target-choices';
