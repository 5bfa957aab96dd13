/**
 * Slack's file upload, step one: files.getUploadURLExternal, then the bytes POSTed to the URL it
 * gives. The file stays invisible until files.completeUploadExternal shares it, so callers upload
 * every file of a message together and share them in one call.
 */
import { z } from 'zod';
import type { Logger } from '../logger';
import { ExternalCallError } from '../core/ports';
import { humanSlackError, type SlackApi } from './web-api';

const UploadUrl = z.object({ upload_url: z.string(), file_id: z.string() });

export const MARKDOWN = 'text/markdown; charset=utf-8';

/** The file's id, for files.completeUploadExternal to share. */
export async function uploadFile(api: Pick<SlackApi, 'call' | 'requestTimeoutMs'>, logger: Logger, filename: string, bytes: Buffer, contentType: string): Promise<string> {
  const target = UploadUrl.parse(await api.call('files.getUploadURLExternal', { filename, length: bytes.length }));
  let response: Response;
  try {
    response = await fetch(target.upload_url, {
      method: 'POST',
      body: bytes,
      headers: { 'Content-Type': contentType },
      // A hung upload would otherwise hold the debrief (and a shutdown waiting for it) forever.
      signal: AbortSignal.timeout(api.requestTimeoutMs),
    });
  } catch (err) {
    logger.warn('file upload failed', { error: err });
    throw new ExternalCallError('files.upload', 'request_failed', humanSlackError('files.upload', 'request_failed'));
  }
  if (!response.ok) {
    logger.warn('file upload was refused', { status: response.status });
    throw new ExternalCallError('files.upload', `http_${response.status}`, 'Slack refused the report file upload. Please try again.');
  }
  return target.file_id;
}
