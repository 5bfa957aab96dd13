/**
 * A local Slack for end-to-end tests and the demo: a real HTTP server answering the Web API
 * methods the bot uses (point @slack/web-api's `slackApiUrl` at `apiUrl`), keeping the workspace
 * in memory, recording every call, injecting faults, and sending the bot signed Events API
 * callbacks for its own actions that Slack would report (pin_added). What tests read of the
 * workspace (messages, DMs, pins, views, files) is in WorkspaceReader (workspace-reader.ts).
 */
import { performance } from 'node:perf_hooks';
import type { ApiContext } from './api-context';
import { ApiDispatcher } from './api-dispatch';
import { CallHolds, type HeldCall } from './held-calls';
import { CallRounds } from './call-rounds';
import { eventCallback } from './event-payloads';
import { EmulatorHttpServer, type UploadFault } from './http-server';
import type { JsonObject } from './json';
import { applyResponseUrlPost } from './response-urls';
import { sendSigned } from './signing';
import { EmulatorState } from './state';
import type { EmittedEvent, EmulatedChannel, RecordedCall, RecordedResponse, ResponseUrlContext } from './types';
import { WorkspaceReader } from './workspace-reader';

export interface SlackEmulatorOptions {
  botToken: string;
  signingSecret: string;
  now?: () => Date;
  botUserId?: string;
  teamId?: string;
  /** The bot's `/slack/events` URL, for events the emulator itself emits. */
  eventsUrl?: string;
  /** The app-level token (xapp-…) apps.connections.open accepts, for Socket Mode. */
  appToken?: string;
  /**
   * Every Web API call is answered this many milliseconds after it arrives: Slack's own latency
   * (100–200 ms a call), for measuring how many calls wait for one another. 0 by default.
   */
  latencyMs?: number;
}

export class SlackEmulator extends WorkspaceReader {
  readonly signingSecret: string;
  private readonly dispatcher: ApiDispatcher;
  private readonly server: EmulatorHttpServer;
  private readonly recordedResponses: RecordedResponse[] = [];
  private readonly emitted: EmittedEvent[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly holds = new CallHolds();
  private readonly uploadFaults: UploadFault[] = [];
  private eventsUrl: string | undefined;
  private latencyMs: number;
  private rounds: CallRounds | undefined;

  constructor(opts: SlackEmulatorOptions) {
    super(new EmulatorState(opts.now ?? (() => new Date()), opts.botUserId ?? 'U0BOT', opts.teamId ?? 'T0CRISIS'));
    this.latencyMs = opts.latencyMs ?? 0;
    this.signingSecret = opts.signingSecret;
    this.eventsUrl = opts.eventsUrl;
    const ctx: ApiContext = { state: this.state, baseUrl: () => this.baseUrl, emit: (event) => this.emit(event) };
    this.dispatcher = new ApiDispatcher(ctx, opts.botToken, opts.appToken);
    this.server = new EmulatorHttpServer({
      api: (method, args, authorization) => this.answerApi(method, args, authorization),
      upload: (fileId, bytes) => this.storeUpload(fileId, bytes),
      uploadFault: () => this.uploadFaults.shift(),
      response: (id, body) => this.handleResponseUrl(id, body),
    });
  }

  async start(port = 0): Promise<void> {
    await this.server.start(port);
  }

  async stop(): Promise<void> {
    this.holds.releaseAll();
    this.rounds?.releaseAll();
    await this.flushEvents();
    await this.server.stop();
  }

  /** `http://127.0.0.1:PORT/` */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.server.port}/`;
  }

  /** The Web API base URL with its trailing slash, for `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}api/`;
  }

  setEventsUrl(url: string | undefined): void {
    this.eventsUrl = url;
  }

  /** See SlackEmulatorOptions.latencyMs. */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  /**
   * Answers Web API calls in rounds (call-rounds.ts): each call waits until all `underWay()` calls
   * of the client have arrived, and is recorded with its round (RecordedCall.round), so callWaves
   * counts round trips by call order, not by time. `undefined` turns it off.
   */
  answerInRounds(underWay: (() => number) | undefined): void {
    this.rounds?.releaseAll();
    this.rounds = underWay ? new CallRounds(underWay) : undefined;
  }

  // --- fault injection -------------------------------------------------------------------------

  /** The next `times` calls to `method` (those `match` accepts, when given) answer `{ok:false, error}`. */
  failNext(method: string, error: string, times = 1, match?: (args: JsonObject) => boolean): void {
    this.dispatcher.failNext(method, error, times, match);
  }

  /** The next call to `method` (that `match` accepts) is answered only after `ms` milliseconds: a slow Slack. */
  delayNext(method: string, ms: number, match?: (args: JsonObject) => boolean): HeldCall {
    const held = this.holds.holdNext(method, match);
    void held.arrived.then(() => setTimeout(() => held.release(), ms));
    return held;
  }

  /** The next call to `method` (that `match` accepts) is not answered until released or the emulator stops: a hung Slack. */
  hangNext(method: string, match?: (args: JsonObject) => boolean): HeldCall {
    return this.holds.holdNext(method, match);
  }

  /** The next `times` calls to `method` answer HTTP 429 with `Retry-After`. */
  rateLimit(method: string, retryAfterSeconds: number, times = 1): void {
    this.dispatcher.rateLimit(method, retryAfterSeconds, times);
  }

  /** The next `times` file uploads (the POST to a files.getUploadURLExternal URL) hang or have their connection cut. */
  failUploads(fault: UploadFault, times = 1): void {
    for (let i = 0; i < times; i += 1) this.uploadFaults.push(fault);
  }

  /** The WebSocket URL apps.connections.open hands out (Socket Mode); unset, it answers an error. */
  setSocketModeUrl(url: string | undefined): void {
    this.dispatcher.socketModeUrl = url;
  }

  clearFaults(): void {
    this.uploadFaults.length = 0;
    this.dispatcher.clearFaults();
    this.holds.releaseAll();
  }

  removeBotFromChannel(channelId: string): void {
    this.requireChannel(channelId).members.delete(this.state.botUserId);
  }

  archiveChannel(channelId: string): void {
    this.requireChannel(channelId).is_archived = true;
  }

  // --- recording -------------------------------------------------------------------------------

  calls(method?: string): RecordedCall[] {
    return this.dispatcher.calls.filter((c) => method === undefined || c.method === method);
  }

  resetCalls(): void {
    this.dispatcher.calls.length = 0;
  }

  /** Posts the bot made to response_urls, in order. */
  responses(): RecordedResponse[] {
    return [...this.recordedResponses];
  }

  /** Events the emulator sent to the bot on its own (not the driver's). */
  emittedEvents(): EmittedEvent[] {
    return [...this.emitted];
  }

  /** Waits until every event the emulator is sending has been answered. */
  async flushEvents(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Requests being answered now (held, slow or hung calls among them), and events being sent to the bot. */
  get underWay(): number {
    return this.server.active + this.pending.size;
  }

  /** Every request received so far (Web API calls, uploads, response_url posts): it moves whenever anything arrives. */
  get requestsReceived(): number {
    return this.server.received;
  }

  /** Resolves once nothing is under way (see underWay); rejects after `timeoutMs`, naming what is. */
  async idle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.underWay > 0) {
      if (Date.now() > deadline) throw new Error(`SlackEmulator.idle: ${this.server.active} requests still being answered and ${this.pending.size} events being sent after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Polls `fn` every 10 ms until it returns something truthy, which it resolves with; `what` names the condition in the error. */
  async waitFor<T>(fn: () => T | undefined | false | null, timeoutMs = 5000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = fn();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`SlackEmulator.waitFor: ${what} not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  // --- used by the driver ----------------------------------------------------------------------

  issueTrigger(userId: string): string {
    return this.state.issueTrigger(userId);
  }

  issueResponseUrl(context: ResponseUrlContext): string {
    return `${this.baseUrl}response/${this.state.issueResponseUrl(context)}`;
  }

  // --- internals -------------------------------------------------------------------------------

  private async answerApi(method: string, args: JsonObject, authorization: string | undefined): Promise<ReturnType<ApiDispatcher['dispatch']>> {
    const receivedMs = performance.now();
    await this.holds.pass(method, args);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const round = this.rounds ? await this.rounds.pass() : undefined;
    return this.dispatcher.dispatch(method, args, authorization, receivedMs, round);
  }

  private requireChannel(channelId: string): EmulatedChannel {
    const channel = this.state.channels.get(channelId);
    if (!channel) throw new Error(`SlackEmulator: no channel ${channelId}`);
    return channel;
  }

  private storeUpload(fileId: string, bytes: Buffer): boolean {
    const file = this.state.files.get(fileId);
    if (!file) return false;
    file.content = Buffer.from(bytes);
    return true;
  }

  private handleResponseUrl(id: string, body: JsonObject): ReturnType<typeof applyResponseUrlPost> | undefined {
    const context = this.state.responseUrls.get(id);
    if (!context) return undefined;
    const reply = applyResponseUrlPost(this.state, context, body);
    this.recordedResponses.push({ id, url: `${this.baseUrl}response/${id}`, body, at: this.state.now(), status: reply.status, context });
    return reply;
  }

  /** Sends an event_callback to the bot after the current API answer has gone out. */
  private emit(event: JsonObject): void {
    const url = this.eventsUrl;
    if (!url) return;
    const body = eventCallback(this.state, event);
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() =>
        sendSigned({
          url,
          body: JSON.stringify(body),
          contentType: 'application/json',
          signingSecret: this.signingSecret,
          timestamp: Math.floor(Date.now() / 1000),
        }),
      )
      .then(
        (res) => void this.emitted.push({ body, status: res.status }),
        (err: unknown) => void this.emitted.push({ body, status: 0, error: err instanceof Error ? err.message : String(err) }),
      );
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }
}
