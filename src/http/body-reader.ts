/**
 * Reading a request body that nobody has vouched for yet, within three bounds: its own size (413),
 * a deadline (408: a client trickling its body is cut off, not held for minutes), and a budget shared
 * by every request still being read (503: however many clients send at once, the bytes held before a
 * signature could be checked stay under one figure). A declared Content-Length over the limit is
 * refused before a byte is read, and so is one that could not fit in what is left of the budget.
 *
 * The first FREE_BYTES of every body are not counted: a slash command, an event or a button is a few
 * KiB, so slow senders holding the budget can never crowd out Slack's ordinary requests (the door's
 * connection cap bounds those bytes instead). Nothing here answers the request; the caller does.
 */
import type { IncomingMessage } from 'node:http';

/** The bytes held, across requests, by bodies whose signature is not checked yet. */
export class ByteBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get held(): number {
    return this.used;
  }

  take(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

export interface BodyLimits {
  /** Largest body accepted, in bytes. */
  maxBytes: number;
  /** How long the whole body may take to arrive once the headers are in. */
  deadlineMs: number;
  budget: ByteBudget;
}

export type BodyRefusal =
  | { ok: false; status: 413; reason: string }
  | { ok: false; status: 408; reason: string }
  | { ok: false; status: 503; reason: string }
  /** The client went away before the end: nobody is left to answer. */
  | { ok: false; status: 'closed'; reason: string };

export type BodyRead = { ok: true; bytes: Buffer } | BodyRefusal;

/** Bytes of each body read without drawing on the shared budget. */
export const FREE_BYTES = 8 * 1024;

const BUSY: BodyRefusal = { ok: false, status: 503, reason: 'too many requests are being read at once' };

export function tooLarge(maxBytes: number): BodyRefusal {
  const size = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  return { ok: false, status: 413, reason: `the body is over ${size}` };
}

/** The declared size, when there is one and it is over the limit: refused before reading. */
export function declaredTooLarge(req: IncomingMessage, maxBytes: number): BodyRefusal | undefined {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > maxBytes ? tooLarge(maxBytes) : undefined;
}

/** A function that reads the current request's body within the door's deadline and budget. */
export type BodyReader = (req: IncomingMessage, maxBytes: number) => Promise<BodyRead>;

export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<BodyRead> {
  const early = declaredTooLarge(req, limits.maxBytes);
  if (early) return Promise.resolve(early);
  // A body that could not fit is refused before anything of it is read.
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > FREE_BYTES && limits.budget.held + declared - FREE_BYTES > limits.budget.limit) return Promise.resolve(BUSY);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    /** What this body drew from the budget (its bytes past FREE_BYTES). */
    let drawn = 0;
    let settled = false;
    const settle = (result: BodyRead): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onClose);
      req.off('close', onClose);
      // What was held goes back to the budget: the caller checks the signature at once, in the same turn.
      limits.budget.give(drawn);
      // Whatever else arrives is not read into memory; the caller answers and the connection closes.
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      if (size + chunk.length > limits.maxBytes) return settle(tooLarge(limits.maxBytes));
      const draw = Math.max(0, size + chunk.length - FREE_BYTES) - drawn;
      if (draw > 0) {
        if (!limits.budget.take(draw)) return settle(BUSY);
        drawn += draw;
      }
      size += chunk.length;
      chunks.push(chunk);
    };
    // A body that came in one piece (most do) is handed on as it is, not copied.
    const onEnd = (): void => settle({ ok: true, bytes: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, size) });
    const onClose = (): void => settle({ ok: false, status: 'closed', reason: 'the client went away before the body ended' });
    const timer = setTimeout(() => settle({ ok: false, status: 408, reason: `the body did not arrive within ${limits.deadlineMs / 1000} s` }), limits.deadlineMs);
    timer.unref();
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onClose);
    req.on('close', onClose);
  });
}
