/**
 * A declare's progress, written as it goes (declare_attempts, 0006), and which declares this process
 * is working on at this moment. DeclareService records each step; DeclareRepair finishes or undoes
 * the ones left unfinished, never one still in progress here.
 *
 * On SQLite the bot is one process per database, so an unfinished declare that is not in progress
 * here was cut short. On PostgreSQL other replicas declare too: every step writes the attempt's
 * `updated_at` (its heartbeat), and a repair takes over only an attempt whose last step is older
 * than `leaseMs`, by a compare-and-set on that heartbeat, so no two replicas ever both archive a
 * channel or tell a declarer, and none touches a declare another replica is still making.
 */
import type { Clock } from '../../clock';
import type { Store } from '../../core/store';
import type { DeclareAttempt, NewDeclareAttempt } from './declare-attempts-repo';

/**
 * With several replicas: a declare whose last step is older than this was cut short. Longer than
 * any one step (a Slack call, its rate-limit waits included), so a slow declare is never repaired
 * under the replica still making it.
 */
export const DECLARE_LEASE_MS = 5 * 60_000;

export class DeclareProgress {
  private readonly live = new Set<number>();

  constructor(
    private readonly deps: { store: Store; clock: Clock },
    /** How long a step may go unwritten before another replica takes the declare over; none: one process. */
    private readonly leaseMs?: number,
  ) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** A declare starts (after its input was checked, before any Slack call); held until `release`. */
  begin(attempt: NewDeclareAttempt): number {
    const id = this.deps.store.declares.begin(attempt, this.now());
    this.live.add(id);
    return id;
  }

  trying(id: number, channelName: string): void {
    this.deps.store.declares.trying(id, channelName, this.now());
  }

  channelCreated(id: number, channel: { id: string; name: string }): void {
    this.deps.store.declares.channelCreated(id, channel, this.now());
  }

  /** Call inside the transaction that stores the crisis. */
  stored(id: number, crisisId: number, at: string): void {
    this.deps.store.declares.stored(id, crisisId, at);
  }

  finished(id: number): void {
    this.deps.store.declares.end(id, 'finished', this.now());
  }

  /** Nothing is left to undo: no channel was made, or it was archived. */
  abandoned(id: number): void {
    this.deps.store.declares.end(id, 'abandoned', this.now());
  }

  /** The declarer's reply said how it ended; a repair that only tidies up does not tell them again. */
  told(id: number): void {
    this.deps.store.declares.markTold(id, this.now());
  }

  countFailedRepair(id: number): void {
    this.deps.store.declares.countFailedRepair(id, this.now());
  }

  get(id: number): DeclareAttempt | undefined {
    return this.deps.store.declares.get(id);
  }

  /** The declare is no longer worked on here: from now on a repair may take it, if it is unfinished. */
  release(id: number): void {
    this.live.delete(id);
  }

  /**
   * For a repair: true when nobody here works on it, and (with other replicas) nobody has written
   * to it within the lease and this replica won the take-over. It is then held until `release`.
   */
  claim(attempt: Pick<DeclareAttempt, 'id' | 'updatedAt'>): boolean {
    if (this.live.has(attempt.id)) return false;
    if (this.leaseMs !== undefined && !this.deps.store.declares.takeOver(attempt.id, attempt.updatedAt, this.now())) return false;
    this.live.add(attempt.id);
    return true;
  }

  /** Unfinished declares nobody works on: none here, and (with other replicas) none written to within the lease. */
  unfinished(limit: number): DeclareAttempt[] {
    const staleBefore = this.leaseMs === undefined ? Infinity : this.deps.clock.now().getTime() - this.leaseMs;
    return this.deps.store.declares.unfinished(limit).filter((a) => !this.live.has(a.id) && Date.parse(a.updatedAt) <= staleBefore);
  }
}
