/** An HTTP route the bot serves beside Slack's endpoint (health, metrics, webhooks), free of Slack types. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface HttpRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}
