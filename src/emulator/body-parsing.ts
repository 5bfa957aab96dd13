/**
 * Reading what clients POST to the emulator: form-encoded and JSON Web API calls (JSON-valued
 * arguments such as `blocks` and `view` arrive as strings in forms and are decoded), and the
 * multipart/form-data body @slack/web-api's files.uploadV2 sends to the upload URL.
 */
import type { IncomingMessage } from 'node:http';
import { isObject, tryParseJson, type JsonObject } from './json';

/** Arguments Slack takes as JSON inside a form field. */
const JSON_ARGS = new Set(['blocks', 'view', 'files', 'attachments', 'metadata', 'unfurls', 'user_auth_blocks']);

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export interface MultipartPart {
  name: string;
  filename?: string;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF (before the next delimiter).
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      parts.push({ name, ...(filename !== undefined ? { filename } : {}), data: chunk.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

export type ParsedArgs = { ok: true; args: JsonObject } | { ok: false };

/** Web API arguments from the query string and the body, JSON-valued ones decoded. */
export function parseApiArgs(req: IncomingMessage, body: Buffer, query: URLSearchParams): ParsedArgs {
  const args: JsonObject = {};
  for (const [key, value] of query) args[key] = value;
  const type = mediaType(req);
  const text = body.toString('utf8');
  if (type === 'application/json') {
    if (text.trim().length === 0) return { ok: true, args };
    const parsed = tryParseJson(text);
    if (!parsed.ok || !isObject(parsed.value)) return { ok: false };
    return { ok: true, args: { ...args, ...parsed.value } };
  }
  if (type === 'multipart/form-data') {
    for (const part of parseMultipart(body, req.headers['content-type'] ?? '')) {
      args[part.name] = part.filename !== undefined ? part.data : part.data.toString('utf8');
    }
  } else {
    for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  }
  for (const key of Object.keys(args)) {
    const value = args[key];
    if (JSON_ARGS.has(key) && typeof value === 'string') {
      const parsed = tryParseJson(value);
      // Left as a string when it is not JSON, so the handler can answer invalid_blocks_format and the like.
      if (parsed.ok) args[key] = parsed.value;
    }
  }
  return { ok: true, args };
}

/** The bytes of an upload: the file part of a multipart body, or the raw body. */
export function uploadedBytes(req: IncomingMessage, body: Buffer): Buffer {
  if (mediaType(req) !== 'multipart/form-data') return body;
  const parts = parseMultipart(body, req.headers['content-type'] ?? '');
  const file = parts.find((p) => p.filename !== undefined) ?? parts[0];
  return file?.data ?? Buffer.alloc(0);
}

/** A response_url body: JSON (what Bolt's respond() sends) or a form with a `payload` field. */
export function parseResponseBody(req: IncomingMessage, body: Buffer): JsonObject | undefined {
  const text = body.toString('utf8');
  if (mediaType(req) === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const payload = form.get('payload');
    if (payload === null) return Object.fromEntries(form);
    const parsed = tryParseJson(payload);
    return parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
  }
  const parsed = tryParseJson(text);
  return parsed.ok && isObject(parsed.value) ? parsed.value : undefined;
}
