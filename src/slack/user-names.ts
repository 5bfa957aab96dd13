/**
 * People's display names by user id (users.info), for text where a mention must not ping (the card,
 * the debrief file): looked up a few at a time, remembered for the process's life.
 */
import { z } from 'zod';
import type { Logger } from '../logger';
import type { SlackApi } from './web-api';

const UserInfo = z.object({
  user: z.object({ name: z.string().optional(), real_name: z.string().optional(), profile: z.object({ real_name: z.string().optional() }).optional() }),
});

/** A debrief names at most this many people; past that, the rest keep their ids (one call each). */
const MAX_NAMES_LOOKED_UP = 100;
/** users.info is Tier 4: a few at a time, well inside it (a 429 is still waited out). */
const NAME_LOOKUPS_AT_ONCE = 10;

/**
 * Runs `fn` on every item, `size` at a time, and settles each; a failure does not stop the others.
 * The results are in the items' order.
 */
export async function inBatches<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<Array<PromiseSettledResult<R>>> {
  const results: Array<PromiseSettledResult<R>> = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.allSettled(items.slice(i, i + size).map(fn))));
  return results;
}

export class UserNames {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly api: SlackApi,
    private readonly logger: Pick<Logger, 'debug'>,
  ) {}

  /** The names Slack gives for `userIds`; an id it does not name is left out. */
  async of(userIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of new Set(userIds)) {
      const cached = this.names.get(id);
      if (cached !== undefined) found.set(id, cached);
      else unknown.push(id);
    }
    // Looked up together, a few at a time, instead of one after another.
    const lookedUp = await inBatches(unknown.slice(0, MAX_NAMES_LOOKED_UP), NAME_LOOKUPS_AT_ONCE, async (id) => {
      const { user } = UserInfo.parse(await this.api.call('users.info', { user: id }));
      return { id, name: user.real_name || user.profile?.real_name || user.name };
    });
    for (const [i, result] of lookedUp.entries()) {
      if (result.status === 'rejected') {
        this.logger.debug('could not look up a user name', { userId: unknown[i], error: result.reason });
        continue;
      }
      const { id, name } = result.value;
      if (!name) continue;
      this.names.set(id, name);
      found.set(id, name);
    }
    return found;
  }
}
