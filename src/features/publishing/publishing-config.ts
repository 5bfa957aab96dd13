/**
 * The publishing rows of the configuration (CONTRACT.md): the status page on or off and its title,
 * the publishing webhooks (`name=https://…` pairs) and their secret, Atlassian Statuspage and
 * Zendesk. Parsed with zod beside the rest of the environment; every problem is named by its
 * variable so config.ts reports them together with the others.
 */
import { z } from 'zod';
import { STATUSPAGE_API_URL } from './statuspage-client';

export interface PublishWebhook {
  /** What people type after `publish S<n>`: lower case letters, digits, `-` and `_`. */
  name: string;
  url: string;
}

export interface PublishingConfig {
  statusPage: { enabled: boolean; title: string };
  webhooks: PublishWebhook[];
  /** Signs the webhooks; set whenever any webhook is. */
  secret: string | undefined;
  statuspage: { apiKey: string; pageId: string; apiUrl: string } | undefined;
  zendesk: { url: string; email: string; apiToken: string } | undefined;
}

export const DEFAULT_STATUS_PAGE_TITLE = 'Service status';

/** Names the grammar already gives a meaning to. */
const RESERVED = new Set(['status-page', 'statuspage', 'zendesk']);

const empty = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());

const httpUrl = z.url({ protocol: /^https?$/ });

/** `name=https://…, other=https://…` → the webhooks, or what is wrong with the list. */
export function parseWebhookList(value: string): { webhooks: PublishWebhook[]; problems: string[] } {
  const webhooks: PublishWebhook[] = [];
  const problems: string[] = [];
  for (const pair of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const name = eq > 0 ? pair.slice(0, eq).trim().toLowerCase() : '';
    const url = eq > 0 ? pair.slice(eq + 1).trim() : '';
    if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(name)) {
      problems.push(`expected name=https://… pairs separated by commas, each name of letters, digits, - and _ (got an entry without one)`);
    } else if (RESERVED.has(name)) {
      problems.push(`"${name}" is a built-in target; give the webhook another name`);
    } else if (webhooks.some((w) => w.name === name)) {
      problems.push(`"${name}" is named twice`);
    } else if (!httpUrl.safeParse(url).success) {
      problems.push(`"${name}" needs an http(s) URL after the =`);
    } else {
      webhooks.push({ name, url });
    }
  }
  return { webhooks, problems };
}

/** The publishing configuration, and the problems by variable (empty when all is well). */
export function parsePublishingEnv(env: Record<string, string | undefined>): { config: PublishingConfig; problems: Map<string, string[]> } {
  const problems = new Map<string, string[]>();
  const add = (name: string, message: string): void => void problems.set(name, [...(problems.get(name) ?? []), message]);

  const pageFlag = (empty(env.CRISIS_STATUS_PAGE) ?? 'on').toLowerCase();
  if (pageFlag !== 'on' && pageFlag !== 'off') add('CRISIS_STATUS_PAGE', 'expected on or off');
  const title = empty(env.CRISIS_STATUS_PAGE_TITLE) ?? DEFAULT_STATUS_PAGE_TITLE;
  if (Array.from(title).length > 80) add('CRISIS_STATUS_PAGE_TITLE', 'expected at most 80 characters');

  const list = parseWebhookList(empty(env.CRISIS_PUBLISH_WEBHOOKS) ?? '');
  for (const p of list.problems) add('CRISIS_PUBLISH_WEBHOOKS', p);
  const secret = empty(env.CRISIS_PUBLISH_SECRET);
  if (secret !== undefined && secret.length < 16) add('CRISIS_PUBLISH_SECRET', 'expected a shared secret of at least 16 characters');
  if (secret === undefined && list.webhooks.length > 0) add('CRISIS_PUBLISH_SECRET', 'required when CRISIS_PUBLISH_WEBHOOKS is set (it signs every webhook)');

  const apiKey = empty(env.STATUSPAGE_API_KEY);
  const pageId = empty(env.STATUSPAGE_PAGE_ID);
  const apiUrl = empty(env.STATUSPAGE_API_URL) ?? STATUSPAGE_API_URL;
  if (!httpUrl.safeParse(apiUrl).success) add('STATUSPAGE_API_URL', 'expected an http(s) URL such as https://api.statuspage.io/v1');
  if ((apiKey === undefined) !== (pageId === undefined)) add(apiKey === undefined ? 'STATUSPAGE_API_KEY' : 'STATUSPAGE_PAGE_ID', 'required with the other of STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID');

  const zUrl = empty(env.ZENDESK_URL);
  const zEmail = empty(env.ZENDESK_EMAIL);
  const zToken = empty(env.ZENDESK_API_TOKEN);
  const zSet = [zUrl, zEmail, zToken].filter((v) => v !== undefined).length;
  if (zUrl !== undefined && !httpUrl.safeParse(zUrl).success) add('ZENDESK_URL', 'expected an http(s) URL such as https://acme.zendesk.com');
  if (zSet > 0 && zSet < 3) {
    for (const [name, v] of [['ZENDESK_URL', zUrl], ['ZENDESK_EMAIL', zEmail], ['ZENDESK_API_TOKEN', zToken]] as const) {
      if (v === undefined) add(name, 'required with ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN (all three, or none)');
    }
  }
  if (zEmail !== undefined && !z.email().safeParse(zEmail).success) add('ZENDESK_EMAIL', 'expected the email address of the Zendesk agent the token belongs to');

  return {
    config: {
      statusPage: { enabled: pageFlag !== 'off', title },
      webhooks: list.webhooks,
      secret,
      statuspage: apiKey !== undefined && pageId !== undefined ? { apiKey, pageId, apiUrl } : undefined,
      zendesk: zUrl !== undefined && zEmail !== undefined && zToken !== undefined ? { url: zUrl, email: zEmail, apiToken: zToken } : undefined,
    },
    problems,
  };
}

/** Secrets the logger masks. */
export function publishingSecrets(config: PublishingConfig): string[] {
  return [config.secret ?? '', config.statuspage?.apiKey ?? '', config.zendesk?.apiToken ?? ''].filter(Boolean);
}
