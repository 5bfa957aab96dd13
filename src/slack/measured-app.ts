/**
 * Bolt's App, timing each request's ack for the metrics: from the moment the receiver hands the
 * request to Bolt (after the body is read and its signature checked) to the moment the ack is
 * sent, whichever listener sends it. Works the same for the HTTP and the Socket Mode receivers.
 */
import { performance } from 'node:perf_hooks';
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { BotMetrics } from '../metrics';
import { requestKind } from './request-kind';

export class MeasuredApp extends App {
  constructor(
    options: AppOptions,
    private readonly metrics: BotMetrics,
  ) {
    super(options);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const started = performance.now();
    const kind = requestKind(event.body);
    let timed = false;
    const ack: ReceiverEvent['ack'] = async (response) => {
      await event.ack(response);
      if (timed) return;
      timed = true;
      this.metrics.acked(kind, (performance.now() - started) / 1000);
    };
    await super.processEvent({ ...event, ack });
  }
}
