/**
 * Each help desk's proof, from its published scheme: Zendesk's base64 HMAC-SHA256 over timestamp +
 * body with a 5-minute window, Intercom's `sha1=` HMAC-SHA1 of the body, and the secret header for
 * Freshdesk and Gorgias. Every alteration is refused with its own reason, and nothing is refused
 * for a reason it does not have.
 */
import { createHmac } from 'node:crypto';
import { refusalText } from '../../../src/features/helpdesk/http-text';
import {
  intercomSignature,
  type RequestHeaders,
  verifyHelpdeskRequest,
  verifyIntercom,
  verifyToken,
  verifyZendesk,
  zendeskSignature,
} from '../../../src/features/helpdesk/verify';

const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const BODY = Buffer.from('{"type":"zen:event-type:ticket.created","id":"e1","detail":{"id":"5158"}}');
const SENT = '2026-12-07T10:15:00Z';
const at = (iso: string): Date => new Date(iso);
const plusSeconds = (iso: string, s: number): Date => new Date(Date.parse(iso) + s * 1000);

function zendeskHeaders(over: Partial<{ signature: string; timestamp: string }> = {}): RequestHeaders {
  return {
    'x-zendesk-webhook-signature': over.signature ?? zendeskSignature(SECRET, over.timestamp ?? SENT, BODY),
    'x-zendesk-webhook-signature-timestamp': over.timestamp ?? SENT,
  };
}

describe('Zendesk: base64 HMAC-SHA256 of timestamp + body', () => {
  it('is the published formula: base64(HMAC-SHA256(secret, TIMESTAMP + BODY))', () => {
    const byHand = createHmac('sha256', SECRET).update(`${SENT}${BODY.toString('utf8')}`).digest('base64');
    expect(zendeskSignature(SECRET, SENT, BODY)).toBe(byHand);
  });

  it('accepts a request signed so, within five minutes either way', () => {
    for (const skew of [0, 299, -299, 300, -300]) {
      expect(verifyZendesk({ headers: zendeskHeaders(), body: BODY, secret: SECRET, now: plusSeconds(SENT, skew) })).toEqual({ ok: true });
    }
  });

  it('refuses a timestamp more than five minutes old, or ahead, naming how far off it is', () => {
    const old = verifyZendesk({ headers: zendeskHeaders(), body: BODY, secret: SECRET, now: plusSeconds(SENT, 301) });
    expect(old).toEqual({ ok: false, refusal: { code: 'stale_timestamp', header: 'x-zendesk-webhook-signature-timestamp', skewSeconds: 301, maxSkewSeconds: 300 } });
    const ahead = verifyZendesk({ headers: zendeskHeaders(), body: BODY, secret: SECRET, now: plusSeconds(SENT, -3600) });
    expect(ahead.ok).toBe(false);
    if (!ahead.ok) expect(refusalText('zendesk', ahead.refusal)).toBe('X-Zendesk-Webhook-Signature-Timestamp is 3600 seconds from now; at most 300 are accepted');
  });

  it('refuses an altered body, timestamp or secret as a signature that does not match', () => {
    const now = at(SENT);
    const tampered = Buffer.from(BODY.toString('utf8').replace('5158', '5159'));
    expect(verifyZendesk({ headers: zendeskHeaders(), body: tampered, secret: SECRET, now })).toEqual({ ok: false, refusal: { code: 'bad_signature', header: 'x-zendesk-webhook-signature' } });
    // The signature of the original timestamp, sent with another one (a replay made to look fresh).
    const replayed = zendeskHeaders({ signature: zendeskSignature(SECRET, SENT, BODY), timestamp: '2026-12-07T10:16:00Z' });
    expect(verifyZendesk({ headers: replayed, body: BODY, secret: SECRET, now }).ok).toBe(false);
    const wrongSecret = verifyZendesk({ headers: zendeskHeaders(), body: BODY, secret: 'another secret', now });
    expect(wrongSecret.ok).toBe(false);
    if (!wrongSecret.ok) {
      expect(refusalText('zendesk', wrongSecret.refusal)).toBe("X-Zendesk-Webhook-Signature does not match: check that CRISIS_HELPDESK_ZENDESK_SECRET is Zendesk's webhook signing secret");
    }
  });

  it("refuses the old docs' body-then-timestamp order (its worked example), which is not the scheme", () => {
    const secret = 'HRkRd4BeOAoUkfZr-mhauJT64rvBASlJRoIyPsd3zeA=';
    const body = Buffer.from('{"say": "hello"}');
    const headers = { 'x-zendesk-webhook-signature': 'tRDSF7URY8BLCDlaBcQ7FHu051Zk+aAB0NKMP53teMw=', 'x-zendesk-webhook-signature-timestamp': '2021-07-25T10:00:00Z' };
    expect(createHmac('sha256', secret).update('{"say": "hello"}2021-07-25T10:00:00Z').digest('base64')).toBe(headers['x-zendesk-webhook-signature']);
    expect(verifyZendesk({ headers, body, secret, now: at('2021-07-25T10:00:00Z') })).toEqual({ ok: false, refusal: { code: 'bad_signature', header: 'x-zendesk-webhook-signature' } });
    const rightOrder = { ...headers, 'x-zendesk-webhook-signature': zendeskSignature(secret, '2021-07-25T10:00:00Z', body) };
    expect(verifyZendesk({ headers: rightOrder, body, secret, now: at('2021-07-25T10:00:00Z') })).toEqual({ ok: true });
  });

  it('says which header is missing or malformed, and what it must be', () => {
    const now = at(SENT);
    const cases: Array<[RequestHeaders, string]> = [
      [{ 'x-zendesk-webhook-signature': zendeskSignature(SECRET, SENT, BODY) }, 'missing X-Zendesk-Webhook-Signature-Timestamp'],
      [{ 'x-zendesk-webhook-signature-timestamp': SENT }, 'missing X-Zendesk-Webhook-Signature'],
      [{ 'x-zendesk-webhook-signature-timestamp': '   ', 'x-zendesk-webhook-signature': 'x' }, 'missing X-Zendesk-Webhook-Signature-Timestamp'],
      [zendeskHeaders({ timestamp: '1796638500' }), 'X-Zendesk-Webhook-Signature-Timestamp must be an ISO-8601 time with a zone, as Zendesk sends it (e.g. 2026-12-07T10:15:00Z)'],
      [zendeskHeaders({ timestamp: '2026-12-07T10:15:00' }), 'X-Zendesk-Webhook-Signature-Timestamp must be an ISO-8601 time with a zone, as Zendesk sends it (e.g. 2026-12-07T10:15:00Z)'],
      [zendeskHeaders({ signature: createHmac('sha256', SECRET).update(SENT).update(BODY).digest('hex') }), 'X-Zendesk-Webhook-Signature must be a base64 HMAC-SHA256 (44 characters)'],
      [{ ...zendeskHeaders(), 'x-zendesk-webhook-signature': [zendeskSignature(SECRET, SENT, BODY), 'AAAA'] }, 'X-Zendesk-Webhook-Signature must be sent once'],
    ];
    for (const [headers, text] of cases) {
      const result = verifyZendesk({ headers, body: BODY, secret: SECRET, now });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(refusalText('zendesk', result.refusal)).toBe(text);
    }
  });

  it('takes the same header sent twice with the same value, and an empty body', () => {
    const sig = zendeskSignature(SECRET, SENT, '');
    const headers = { 'x-zendesk-webhook-signature': [sig, sig], 'x-zendesk-webhook-signature-timestamp': SENT };
    expect(verifyZendesk({ headers, body: Buffer.alloc(0), secret: SECRET, now: at(SENT) })).toEqual({ ok: true });
  });
});

describe('Intercom: X-Hub-Signature sha1=<hex HMAC-SHA1 of the body>', () => {
  const now = at(SENT);

  it('is the published formula, and is accepted (hex in either case)', () => {
    const hex = createHmac('sha1', SECRET).update(BODY).digest('hex');
    expect(intercomSignature(SECRET, BODY)).toBe(`sha1=${hex}`);
    expect(verifyIntercom({ headers: { 'x-hub-signature': `sha1=${hex}` }, body: BODY, secret: SECRET, now })).toEqual({ ok: true });
    expect(verifyIntercom({ headers: { 'x-hub-signature': `sha1=${hex.toUpperCase()}` }, body: BODY, secret: SECRET, now })).toEqual({ ok: true });
  });

  it('refuses another body or secret, a sha256, and no header', () => {
    const good = intercomSignature(SECRET, BODY);
    expect(verifyIntercom({ headers: { 'x-hub-signature': good }, body: Buffer.from('{}'), secret: SECRET, now })).toEqual({ ok: false, refusal: { code: 'bad_signature', header: 'x-hub-signature' } });
    expect(verifyIntercom({ headers: { 'x-hub-signature': good }, body: BODY, secret: 'other', now }).ok).toBe(false);
    const sha256 = verifyIntercom({ headers: { 'x-hub-signature': `sha256=${createHmac('sha256', SECRET).update(BODY).digest('hex')}` }, body: BODY, secret: SECRET, now });
    expect(sha256.ok || refusalText('intercom', sha256.refusal)).toBe('X-Hub-Signature must be sha1=<40 hex digits>');
    const none = verifyIntercom({ headers: {}, body: BODY, secret: SECRET, now });
    expect(none.ok || refusalText('intercom', none.refusal)).toBe('missing X-Hub-Signature');
    const wrong = verifyIntercom({ headers: { 'x-hub-signature': good }, body: BODY, secret: 'other', now });
    expect(wrong.ok || refusalText('intercom', wrong.refusal)).toBe("X-Hub-Signature does not match: check that CRISIS_HELPDESK_INTERCOM_SECRET is Intercom's app client secret");
  });
});

describe('Freshdesk and Gorgias: the X-Crisis-Token header', () => {
  const now = at(SENT);

  it('accepts the secret (spaces around it trimmed), refuses anything else', () => {
    expect(verifyToken({ headers: { 'x-crisis-token': SECRET }, body: BODY, secret: SECRET, now })).toEqual({ ok: true });
    expect(verifyToken({ headers: { 'x-crisis-token': ` ${SECRET} ` }, body: BODY, secret: SECRET, now })).toEqual({ ok: true });
    for (const token of [SECRET.slice(0, -1), `${SECRET}x`, SECRET.toLowerCase(), 'x'.repeat(5000)]) {
      const result = verifyToken({ headers: { 'x-crisis-token': token }, body: BODY, secret: SECRET, now });
      expect(result.ok || refusalText('freshdesk', result.refusal)).toBe('X-Crisis-Token does not match CRISIS_HELPDESK_FRESHDESK_SECRET');
    }
    const none = verifyToken({ headers: { authorization: `Bearer ${SECRET}` }, body: BODY, secret: SECRET, now });
    expect(none.ok || refusalText('gorgias', none.refusal)).toBe('missing X-Crisis-Token');
  });

  it('is what the desks that cannot sign use; Zendesk and Intercom need their own signature', () => {
    const token = { 'x-crisis-token': SECRET };
    expect(verifyHelpdeskRequest('freshdesk', { headers: token, body: BODY, secret: SECRET, now }).ok).toBe(true);
    expect(verifyHelpdeskRequest('gorgias', { headers: token, body: BODY, secret: SECRET, now }).ok).toBe(true);
    expect(verifyHelpdeskRequest('zendesk', { headers: token, body: BODY, secret: SECRET, now }).ok).toBe(false);
    expect(verifyHelpdeskRequest('intercom', { headers: token, body: BODY, secret: SECRET, now }).ok).toBe(false);
    expect(verifyHelpdeskRequest('zendesk', { headers: zendeskHeaders(), body: BODY, secret: SECRET, now }).ok).toBe(true);
    expect(verifyHelpdeskRequest('freshdesk', { headers: zendeskHeaders(), body: BODY, secret: SECRET, now }).ok).toBe(false);
  });
});
