/**
 * What tests and the demo read of the emulated workspace: users, channels, messages and DMs,
 * ephemerals, pins, bookmarks, modals and Home tabs, uploaded files. The SlackEmulator is one.
 */
import type { EmulatorState } from './state';
import type {
  EmulatedBookmark,
  EmulatedChannel,
  EmulatedEphemeral,
  EmulatedMessage,
  EmulatedPin,
  EmulatedUser,
  EmulatedView,
  FileSummary,
} from './types';

export class WorkspaceReader {
  constructor(readonly state: EmulatorState) {}

  get users(): EmulatedUser[] {
    return [...this.state.users.values()];
  }

  user(id: string): EmulatedUser | undefined {
    return this.state.users.get(id);
  }

  addUser(input: { id?: string; name: string; real_name?: string; is_bot?: boolean }): EmulatedUser {
    return this.state.addUser(input);
  }

  channel(id: string): EmulatedChannel | undefined {
    return this.state.channels.get(id);
  }

  channelByName(name: string): EmulatedChannel | undefined {
    return this.state.channelByName(name);
  }

  /** Messages in a channel, oldest first (thread replies included, with thread_ts). */
  messages(channelId: string): EmulatedMessage[] {
    return [...(this.state.messages.get(channelId) ?? [])];
  }

  /** Messages the bot sent to a user's IM. */
  dmsTo(userId: string): EmulatedMessage[] {
    const im = [...this.state.channels.values()].find((c) => c.is_im && c.imUser === userId);
    return im ? this.messages(im.id).filter((m) => m.user === this.state.botUserId) : [];
  }

  ephemerals(channelId?: string, userId?: string): EmulatedEphemeral[] {
    return this.state.ephemerals.filter(
      (e) => (channelId === undefined || e.channel === channelId) && (userId === undefined || e.user === userId),
    );
  }

  pins(channelId: string): EmulatedPin[] {
    return [...(this.state.pins.get(channelId) ?? [])];
  }

  bookmarks(channelId: string): EmulatedBookmark[] {
    return [...(this.state.bookmarks.get(channelId) ?? [])];
  }

  /** Every modal the bot opened, in order (Home tabs are under homeView). */
  views(): EmulatedView[] {
    return [...this.state.views.values()].filter((v) => v.payload.type !== 'home');
  }

  view(id: string): EmulatedView | undefined {
    return this.state.views.get(id);
  }

  homeView(userId: string): EmulatedView | undefined {
    const id = this.state.homeViews.get(userId);
    return id ? this.state.views.get(id) : undefined;
  }

  files(): FileSummary[] {
    return [...this.state.files.values()]
      .filter((f) => f.content !== undefined)
      .map((f) => ({ id: f.id, filename: f.filename, title: f.title, content: f.content?.toString('utf8') ?? '', channelId: f.channelId }));
  }

  /** An uploaded file's bytes as sent (binary files, e.g. a PNG, do not survive `files()`' text). */
  fileBytes(id: string): Buffer | undefined {
    const content = this.state.files.get(id)?.content;
    return content === undefined ? undefined : Buffer.from(content);
  }
}
