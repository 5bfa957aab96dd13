/**
 * The ack of a Slack request over HTTP: what Bolt's HTTPResponseAck does (the answer written at the
 * first ack, a second ack refused, a request nobody acked within 3 seconds answered 404 and logged),
 * plus a Content-Length, and the JSON of a reply that never changes (a frozen object, such as the
 * `/crisis help` usage) serialised once instead of on every request.
 */
import type { ServerResponse } from 'node:http';
import { ReceiverMultipleAckError, type AckFn, type Logger as BoltLogger } from '@slack/bolt';

/** Slack waits 3 seconds for an answer; Bolt gives a listener as long, and one millisecond. */
const UNACKED_AFTER_MS = 3_001;

const serialised = new WeakMap<object, string>();

function json(body: object): string {
  if (!Object.isFrozen(body)) return JSON.stringify(body);
  let text = serialised.get(body);
  if (text === undefined) {
    text = JSON.stringify(body);
    serialised.set(body, text);
  }
  return text;
}

/** Freezes a reply and everything in it, so the ack may serialise it once for good. */
export function frozenReply<T extends object>(reply: T): T {
  for (const value of Object.values(reply)) if (typeof value === 'object' && value !== null) frozenReply(value);
  return Object.freeze(reply);
}

function answer(res: ServerResponse, body: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === null || body === '') {
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : json(body);
  res.writeHead(200, { ...(typeof body === 'string' ? {} : { 'Content-Type': 'application/json' }), 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export interface HttpAck {
  ack: AckFn<unknown>;
  /** Marks the request answered otherwise (an error response), so the 3-second answer is not sent. */
  settle(): void;
}

export function httpAck(res: ServerResponse, logger: BoltLogger): HttpAck {
  let acked = false;
  const timer = setTimeout(() => {
    if (acked) return;
    logger.error('An incoming event was not acknowledged within 3 seconds. Ensure that the ack() argument is called in a listener.');
    if (!res.headersSent) {
      res.writeHead(404, { 'Content-Length': '0' });
      res.end();
    }
  }, UNACKED_AFTER_MS);
  const settle = (): void => {
    acked = true;
    clearTimeout(timer);
  };
  return {
    settle,
    ack: async (body) => {
      if (acked) throw new ReceiverMultipleAckError();
      settle();
      answer(res, body);
    },
  };
}
