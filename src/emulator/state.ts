/**
 * The emulated workspace held in memory: seeded users and channels, messages, ephemerals, pins,
 * views, files, bookmarks, issued trigger_ids and response_urls, and the generators for IDs and
 * message timestamps (strictly increasing, derived from the injected clock).
 */
import { randomBytes } from 'node:crypto';
import type {
  EmulatedBookmark,
  EmulatedChannel,
  EmulatedEphemeral,
  EmulatedFile,
  EmulatedMessage,
  EmulatedPin,
  EmulatedUser,
  EmulatedView,
  ResponseUrlContext,
} from './types';

export const BOT_ID = 'B0BOT';
export const APP_ID = 'A0CRISIS';
export const TEAM_DOMAIN = 'crisis-emulated';
export const VERIFICATION_TOKEN = 'emulated-verification-token';
/** How long a trigger_id may be exchanged for a modal, in real (wall) milliseconds. */
export const TRIGGER_TTL_MS = 3000;

export const SEED_HUMANS: ReadonlyArray<Pick<EmulatedUser, 'id' | 'name' | 'real_name'>> = [
  { id: 'U0ALICE', name: 'alice', real_name: 'Alice Archer' },
  { id: 'U0BOB', name: 'bob', real_name: 'Bob Baker' },
  { id: 'U0CAROL', name: 'carol', real_name: 'Carol Chen' },
  { id: 'U0DAVE', name: 'dave', real_name: 'Dave Diaz' },
  { id: 'U0ERIN', name: 'erin', real_name: 'Erin Evans' },
  { id: 'U0FRANK', name: 'frank', real_name: 'Frank Fischer' },
];

export interface IssuedTrigger {
  userId: string;
  issuedAtMs: number;
  exchanged: boolean;
}

export interface FoundMessage {
  kind: 'message' | 'ephemeral';
  message: EmulatedMessage | EmulatedEphemeral;
}

export class EmulatorState {
  readonly users = new Map<string, EmulatedUser>();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages = new Map<string, EmulatedMessage[]>();
  readonly ephemerals: EmulatedEphemeral[] = [];
  readonly pins = new Map<string, EmulatedPin[]>();
  readonly views = new Map<string, EmulatedView>();
  readonly homeViews = new Map<string, string>();
  readonly files = new Map<string, EmulatedFile>();
  readonly bookmarks = new Map<string, EmulatedBookmark[]>();
  readonly triggers = new Map<string, IssuedTrigger>();
  readonly responseUrls = new Map<string, ResponseUrlContext>();
  private readonly counters = new Map<string, number>();
  private lastTsMicros = 0;

  constructor(
    readonly now: () => Date,
    readonly botUserId: string,
    readonly teamId: string,
  ) {
    this.users.set(botUserId, { id: botUserId, name: 'crisisbot', real_name: 'Crisis Bot', is_bot: true, tz: 'UTC' });
    for (const human of SEED_HUMANS) {
      this.users.set(human.id, { ...human, is_bot: false, tz: 'UTC', email: `${human.name}@example.com` });
    }
    const everyone = [...this.users.keys()];
    this.addChannel({ id: 'C0ANNOUNCE', name: 'crisis-announcements', creator: human0(), members: everyone });
    this.addChannel({ id: 'C0GENERAL', name: 'general', creator: human0(), members: everyone });
  }

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }

  /** `"<epochSeconds>.<6 digits>"`, from the clock, bumped by a microsecond when the clock has not moved. */
  nextTs(): string {
    let micros = this.now().getTime() * 1000;
    if (micros <= this.lastTsMicros) micros = this.lastTsMicros + 1;
    this.lastTsMicros = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextId(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n.toString(36).toUpperCase().padStart(8, '0')}`;
  }

  addChannel(input: { id?: string; name: string; creator: string; members: string[]; isPrivate?: boolean }): EmulatedChannel {
    const created = this.nowSeconds();
    const channel: EmulatedChannel = {
      id: input.id ?? this.nextId('C'),
      name: input.name,
      topic: { value: '', creator: '', last_set: 0 },
      purpose: { value: '', creator: '', last_set: 0 },
      created,
      creator: input.creator,
      members: new Set(input.members),
      is_archived: false,
      is_private: input.isPrivate ?? false,
      is_im: false,
    };
    this.channels.set(channel.id, channel);
    this.messages.set(channel.id, []);
    return channel;
  }

  addUser(input: { id?: string; name: string; real_name?: string; is_bot?: boolean }): EmulatedUser {
    const user: EmulatedUser = {
      id: input.id ?? this.nextId('U'),
      name: input.name,
      real_name: input.real_name ?? input.name,
      is_bot: input.is_bot ?? false,
      tz: 'UTC',
      email: `${input.name}@example.com`,
    };
    this.users.set(user.id, user);
    return user;
  }

  channelByName(name: string): EmulatedChannel | undefined {
    return [...this.channels.values()].find((c) => !c.is_im && c.name === name);
  }

  /** The IM between the bot and a user, opened on first use as Slack does. */
  imFor(userId: string): EmulatedChannel {
    const existing = [...this.channels.values()].find((c) => c.is_im && c.imUser === userId);
    if (existing) return existing;
    const im = this.addChannel({ id: this.nextId('D'), name: userId, creator: userId, members: [this.botUserId, userId] });
    im.is_im = true;
    im.imUser = userId;
    return im;
  }

  /**
   * Resolves what `channel` may be in a Web API call: a C/D id or a `#name`; for chat.* also a
   * user ID, which means that user's IM (opened on first use).
   */
  resolveChannel(ref: string, allowUserId = false): EmulatedChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    if (allowUserId && /^[UW][A-Z0-9]+$/.test(ref) && this.users.has(ref) && ref !== this.botUserId) return this.imFor(ref);
    return this.channelByName(ref.replace(/^#/, ''));
  }

  channelMessages(channelId: string): EmulatedMessage[] {
    let list = this.messages.get(channelId);
    if (!list) {
      list = [];
      this.messages.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, ts: string): EmulatedMessage | undefined {
    return this.messages.get(channelId)?.find((m) => m.ts === ts);
  }

  /** A channel message or, failing that, an ephemeral with that ts (optionally for one viewer). */
  findAnyMessage(channelId: string, ts: string, viewer?: string): FoundMessage | undefined {
    const message = this.findMessage(channelId, ts);
    if (message) return { kind: 'message', message };
    const ephemeral = this.ephemerals.find(
      (e) => e.channel === channelId && e.ts === ts && (viewer === undefined || e.user === viewer),
    );
    return ephemeral ? { kind: 'ephemeral', message: ephemeral } : undefined;
  }

  pinsOf(channelId: string): EmulatedPin[] {
    let list = this.pins.get(channelId);
    if (!list) {
      list = [];
      this.pins.set(channelId, list);
    }
    return list;
  }

  /** A trigger_id in Slack's format (`digits.digits.hex`), good for 3 seconds of wall time. */
  issueTrigger(userId: string): string {
    const id = `${this.nextCounter('trigger')}${Date.now() % 1_000_000}.${this.teamNumber()}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { userId, issuedAtMs: Date.now(), exchanged: false });
    return id;
  }

  /** Registers a response_url target and returns its id (the URL is built by the server). */
  issueResponseUrl(context: ResponseUrlContext): string {
    const id = `${this.nextCounter('response')}-${randomBytes(8).toString('hex')}`;
    this.responseUrls.set(id, context);
    return id;
  }

  newViewHash(): string {
    return `${this.nowSeconds()}.${randomBytes(4).toString('hex')}`;
  }

  private nextCounter(name: string): number {
    const n = (this.counters.get(`#${name}`) ?? 0) + 1;
    this.counters.set(`#${name}`, n);
    return n;
  }

  private teamNumber(): number {
    let h = 0;
    for (const ch of this.teamId) h = (h * 31 + ch.charCodeAt(0)) % 1_000_000_000;
    return h;
  }
}

/** Seeded channels are created by the first human, as if set up by a workspace admin. */
function human0(): string {
  return SEED_HUMANS[0]?.id ?? 'U0ALICE';
}
