/** An HTTP route the bot serves beside Slack's endpoint (health, metrics, webhooks), free of Slack types. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyReader } from './body-reader';

export interface HttpRoute {
  method: 'GET' | 'HEAD' | 'POST';
  path: string;
  /** `readBody` reads the request's body within the door's deadline and shared budget (src/http/door.ts). */
  handler: (req: IncomingMessage, res: ServerResponse, readBody: BodyReader) => void | Promise<void>;
}
