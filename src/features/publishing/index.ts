/**
 * The publishing feature (issue 20): the status page and the delivery of published statements to
 * Statuspage, Zendesk and webhooks. Only the leaf is here so far (see DESIGN.md); the module object
 * the app registers comes with issue 18's feature registry.
 */
export * from './status-page-model';
export { renderStatusPageHtml, escapeHtml, statusPageUrls } from './status-page-html';
export { renderStatusPageJson, buildStatusJson } from './status-page-json';
export { renderStatusPageAtom } from './status-page-atom';
export { createStatusPageHandler, statusPageRoutes, computeEtag, etagMatches, CACHE_CONTROL, STATUS_PATHS } from './status-page-http';
export * from './outbox-rules';
export { PublishWebhookClient, webhookPayload, WebhookPayloadSchema, type WebhookPayload, type WebhookStatement } from './webhook-client';
export { StatuspageClient, statuspageStatus, STATUSPAGE_API_URL, type StatuspageStatus } from './statuspage-client';
export { ZendeskMacroClient, macroComment, type FaqAnswer } from './zendesk-client';
