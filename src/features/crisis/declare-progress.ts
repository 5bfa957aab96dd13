/**
 * A declare's progress, written as it goes (declare_attempts, 0006), and which declares this process
 * is working on at this moment. DeclareService records each step; DeclareRepair finishes or undoes
 * the ones left unfinished, never one still in progress here (the bot is one process per
 * database, so an unfinished declare that is not in progress here was cut short).
 */
import type { Clock } from '../../clock';
import type { Store } from '../../core/store';
import type { DeclareAttempt, NewDeclareAttempt } from './declare-attempts-repo';

export class DeclareProgress {
  private readonly live = new Set<number>();

  constructor(private readonly deps: { store: Store; clock: Clock }) {}

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

  /** For a repair: true when nobody here works on it (it is then held until `release`). */
  claim(id: number): boolean {
    if (this.live.has(id)) return false;
    this.live.add(id);
    return true;
  }

  unfinished(limit: number): DeclareAttempt[] {
    return this.deps.store.declares.unfinished(limit).filter((a) => !this.live.has(a.id));
  }
}
