/**
 * Request signing against Slack's own worked example: Bolt's verifySlackRequest (what the bot's
 * HTTP receiver runs on every request) accepts it and refuses every alteration, and the emulator's
 * signer (used by every e2e test) produces Slack's exact signature. Skipped when ../shared is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { verifySlackRequest } from '@slack/bolt';
import { z } from 'zod';
import { slackSignature } from '../../src/emulator';

const VECTOR_FILE = path.resolve(__dirname, '../../../shared/slack/payloads/signing_test_vector.json');
const Vector = z.object({
  signing_secret: z.string(),
  headers: z.object({ 'X-Slack-Request-Timestamp': z.string(), 'X-Slack-Signature': z.string() }),
  body: z.string(),
});

const describeWithVector = fs.existsSync(VECTOR_FILE) ? describe : describe.skip;

describeWithVector("Slack's signing test vector", () => {
  const vector = fs.existsSync(VECTOR_FILE) ? Vector.parse(JSON.parse(fs.readFileSync(VECTOR_FILE, 'utf8'))) : undefined;
  const v = (): z.infer<typeof Vector> => {
    if (!vector) throw new Error('no vector');
    return vector;
  };
  const timestamp = (): number => Number(v().headers['X-Slack-Request-Timestamp']);
  const verify = (over: { body?: string; signature?: string; secret?: string; timestamp?: number; nowSeconds?: number } = {}): void =>
    verifySlackRequest({
      signingSecret: over.secret ?? v().signing_secret,
      body: over.body ?? v().body,
      headers: {
        'x-slack-signature': over.signature ?? v().headers['X-Slack-Signature'],
        'x-slack-request-timestamp': over.timestamp ?? timestamp(),
      },
      nowMilliseconds: (over.nowSeconds ?? timestamp()) * 1000,
    });

  it('is accepted as sent, and within five minutes of its timestamp', () => {
    expect(() => verify()).not.toThrow();
    expect(() => verify({ nowSeconds: timestamp() + 299 })).not.toThrow();
  });

  it('is what the emulator signs for the same secret, timestamp and body', () => {
    expect(slackSignature(v().signing_secret, timestamp(), v().body)).toBe(v().headers['X-Slack-Signature']);
  });

  it('is refused once older than five minutes', () => {
    expect(() => verify({ nowSeconds: timestamp() + 301 })).toThrow(/stale/i);
    // Bolt waits for the wall clock, so the 2018 vector is refused as stale today.
    expect(() =>
      verifySlackRequest({
        signingSecret: v().signing_secret,
        body: v().body,
        headers: { 'x-slack-signature': v().headers['X-Slack-Signature'], 'x-slack-request-timestamp': timestamp() },
      }),
    ).toThrow(/stale/i);
  });

  it('is refused when the body, signature, secret or timestamp is altered', () => {
    expect(() => verify({ body: v().body.replace('text=', 'text=declare') })).toThrow(/signature mismatch/i);
    expect(() => verify({ body: `${v().body} ` })).toThrow(/signature mismatch/i);
    const sig = v().headers['X-Slack-Signature'];
    expect(() => verify({ signature: `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}` })).toThrow(/signature mismatch/i);
    expect(() => verify({ signature: sig.replace('v0=', 'v1=') })).toThrow();
    expect(() => verify({ secret: `${v().signing_secret}x` })).toThrow(/signature mismatch/i);
    // Same signature replayed under a fresher timestamp: the timestamp is part of what is signed.
    expect(() => verify({ timestamp: timestamp() + 60, nowSeconds: timestamp() + 60 })).toThrow(/signature mismatch/i);
  });
});
