/**
 * A read kept until the database changes. `/crisis list` and the App Home read the open crises with
 * their roles and reminders: three queries, most of the list's cost. The answer changes only when
 * something is written, so it is read again only then, per limit asked: at once after the bot's own
 * writes, and within a second of another program's (Store.version). Nothing time-dependent is kept: times are worked out from
 * the stored facts when the reply is rendered. Callers must not change what they are given.
 */
import type { Store } from './store';

export function rereadAfterWrites<T>(store: Pick<Store, 'version'>, read: (limit: number) => T): (limit: number) => T {
  let version: string | undefined;
  const kept = new Map<number, T>();
  return (limit) => {
    const now = store.version();
    if (now !== version) {
      kept.clear();
      version = now;
    }
    let value = kept.get(limit);
    if (value === undefined) {
      value = read(limit);
      // Read after the version: a write in between makes the next call read again, never miss it.
      kept.set(limit, value);
    }
    return value;
  };
}
