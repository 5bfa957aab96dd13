/**
 * What happened in the emulated Slack since the last look, as a readable transcript: new
 * messages, edits, ephemerals, modals, pins and files, in the order the bot caused them.
 */
import { z } from 'zod';
import type { SlackEmulator } from '../emulator';
import { plain, renderBlocks, type Names } from './render-text';

const Args = z.object({
  channel: z.string().optional(),
  channel_id: z.string().optional(),
  channels: z.string().optional(),
  initial_comment: z.string().optional(),
  user: z.string().optional(),
  users: z.string().optional(),
  text: z.string().optional(),
  blocks: z.unknown().optional(),
  name: z.string().optional(),
  view: z.object({ title: z.object({ text: z.string() }).optional(), blocks: z.unknown().optional() }).passthrough().optional(),
}).passthrough();

export class Transcript {
  private seenCalls = 0;
  private seenResponses = 0;

  constructor(
    private readonly emu: SlackEmulator,
    private readonly out: (line: string) => void,
    private readonly cardOnUpdate = true,
  ) {}

  readonly names: Names = {
    user: (id) => this.emu.user(id)?.name ?? id,
    channel: (id) => this.emu.channel(id)?.name ?? id,
  };

  private where(channelId: string | undefined): string {
    if (!channelId) return '?';
    if (/^U/.test(channelId)) return `DM to @${this.names.user(channelId)}`;
    const channel = this.emu.channel(channelId);
    if (channel?.is_im && channel.imUser) return `DM to @${this.names.user(channel.imUser)}`;
    return `#${this.names.channel(channelId)}`;
  }

  /** Waits until the bot has gone quiet (no new Web API calls for a moment). */
  async settle(quietMs = 200, maxMs = 10_000): Promise<void> {
    const started = Date.now();
    let last = this.emu.calls().length + this.emu.responses().length;
    let lastChange = Date.now();
    while (Date.now() - started < maxMs) {
      await new Promise((r) => setTimeout(r, 25));
      const now = this.emu.calls().length + this.emu.responses().length;
      if (now !== last) {
        last = now;
        lastChange = Date.now();
      } else if (Date.now() - lastChange >= quietMs) {
        return;
      }
    }
  }

  ack(who: string, body: string): void {
    const parsed = z.object({ text: z.string().optional(), blocks: z.unknown().optional() }).safeParse(safeJson(body));
    if (parsed.success && parsed.data.text) {
      this.out(`  (only visible to @${this.names.user(who)})`);
      this.out(renderBlocks(parsed.data.blocks, parsed.data.text, this.names));
    }
  }

  /** Prints everything new since the last call. */
  flush(): void {
    const calls = this.emu.calls().slice(this.seenCalls);
    this.seenCalls += calls.length;
    for (const call of calls) {
      if (!call.ok) {
        this.out(`  ! ${call.method} failed: ${call.error ?? 'error'}`);
        continue;
      }
      const a = Args.safeParse(call.args);
      if (!a.success) continue;
      const args = a.data;
      switch (call.method) {
        case 'conversations.create':
          this.out(`  + channel #${args.name ?? '?'} created`);
          break;
        case 'conversations.invite':
          this.out(`  + @${this.names.user(args.users ?? '')} joined ${this.where(args.channel)}`);
          break;
        case 'pins.add':
          this.out(`  📌 pinned in ${this.where(args.channel)}`);
          break;
        case 'reactions.add':
          this.out(`  :${args.name ?? ''}: reaction added in ${this.where(args.channel)}`);
          break;
        case 'chat.postMessage':
          this.out(`  ${this.where(args.channel)} — Crisis Bot:`);
          this.out(renderBlocks(args.blocks, args.text ?? '', this.names));
          break;
        case 'chat.update':
          if (this.cardOnUpdate) {
            this.out(`  ${this.where(args.channel)} — message edited:`);
            this.out(renderBlocks(args.blocks, args.text ?? '', this.names));
          } else {
            this.out(`  ✎ message edited in ${this.where(args.channel)}: ${plain(args.text ?? '', this.names)}`);
          }
          break;
        case 'chat.postEphemeral':
          this.out(`  ${this.where(args.channel)} (only visible to @${this.names.user(args.user ?? '')}):`);
          this.out(renderBlocks(args.blocks, args.text ?? '', this.names));
          break;
        case 'views.open':
        case 'views.update':
          this.out(`  ▢ modal "${args.view?.title?.text ?? ''}" ${call.method === 'views.open' ? 'opened' : 'shows'}:`);
          this.out(renderBlocks(args.view?.blocks, '', this.names, '      '));
          break;
        case 'files.completeUploadExternal': {
          const where = this.where(args.channel_id ?? args.channels?.split(',')[0]);
          if (args.initial_comment) {
            this.out(`  ${where} — Crisis Bot:`);
            this.out(renderBlocks(undefined, args.initial_comment, this.names));
          }
          this.out(`  📎 file uploaded to ${where}`);
          break;
        }
        default:
          break;
      }
    }
    const responses = this.emu.responses().slice(this.seenResponses);
    this.seenResponses += responses.length;
    for (const r of responses) {
      const body = z.object({ text: z.string().optional(), blocks: z.unknown().optional() }).safeParse(r.body);
      if (!body.success) continue;
      this.out(`  (only visible to @${this.names.user(r.context.userId)})`);
      this.out(renderBlocks(body.data.blocks, body.data.text ?? '', this.names));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}
