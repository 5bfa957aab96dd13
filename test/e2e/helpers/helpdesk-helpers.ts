/**
 * Help desks end to end: the bot with every desk's secret set, and each desk's native payload
 * (test/fixtures/helpdesk) sent as the desk sends it: Zendesk signed over its timestamp and body,
 * Intercom's X-Hub-Signature, Freshdesk's and Gorgias's X-Crisis-Token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../../src/clock';
import type { Helpdesk } from '../../../src/features/helpdesk/desks';
import { intercomSignature, zendeskSignature } from '../../../src/features/helpdesk/verify';
import { startHarness, type Harness, type HarnessOptions } from '../../helpers/harness';
import type { HookAnswer } from './customer-helpers';

export const HELPDESK_T0 = '2026-12-07T10:25:00.000Z';
export const SECRETS: Record<Helpdesk, string> = {
  zendesk: 'dGhpcyBpcyBhIHplbmRlc2sgc2lnbmluZyBzZWNyZXQ=',
  intercom: 'intercom-client-secret-0123456789',
  freshdesk: 'freshdesk-token-0123456789abcdef',
  gorgias: 'gorgias-token-0123456789abcdef01',
};

export function helpdeskEnv(secrets: Partial<Record<Helpdesk, string>> = SECRETS): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [desk, secret] of Object.entries(secrets)) env[`CRISIS_HELPDESK_${desk.toUpperCase()}_SECRET`] = secret;
  return env;
}

export function startHelpdeskHarness(options: HarnessOptions = {}): Promise<Harness> {
  return startHarness({ clock: new ManualClock(HELPDESK_T0), ...options, env: { ...helpdeskEnv(), ...options.env } });
}

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'helpdesk');

/** A fixture's text with its crisis tag (`crisis-12` as written there) changed to `tag`. */
export function fixture(name: string, tag: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8').replace(/crisis-12/gi, tag);
}

export interface DeskSendOptions {
  /** Headers sent instead of the right ones (null leaves the header out). */
  headers?: Record<string, string | null>;
  secret?: string;
  /** Zendesk's timestamp; the harness clock's now by default. */
  timestamp?: string;
}

/** The headers the desk itself would send for `body`. */
export function deskHeaders(h: Harness, desk: Helpdesk, body: string, options: DeskSendOptions = {}): Record<string, string> {
  const secret = options.secret ?? SECRETS[desk];
  switch (desk) {
    case 'zendesk': {
      const timestamp = options.timestamp ?? h.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { 'X-Zendesk-Webhook-Signature': zendeskSignature(secret, timestamp, body), 'X-Zendesk-Webhook-Signature-Timestamp': timestamp };
    }
    case 'intercom':
      return { 'X-Hub-Signature': intercomSignature(secret, body) };
    case 'freshdesk':
    case 'gorgias':
      return { 'X-Crisis-Token': secret };
  }
}

export async function postDesk(h: Harness, desk: Helpdesk, body: string | Buffer, options: DeskSendOptions = {}): Promise<HookAnswer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...deskHeaders(h, desk, body.toString(), options) };
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const res = await fetch(`http://127.0.0.1:${h.bot.port}/hooks/helpdesk/${desk}`, { method: 'POST', headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, json };
}

/** Rows in the help-desk tables: what "recorded nothing" is checked against. */
export function recorded(h: Harness): { events: number; tickets: number; counted: number } {
  const count = (table: string): number => Number(h.bot.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
  return { events: count('helpdesk_events'), tickets: count('helpdesk_tickets'), counted: count('helpdesk_crisis_tickets') };
}
