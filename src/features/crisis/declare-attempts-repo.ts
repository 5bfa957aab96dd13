/** Queries on declare_attempts: each declare's progress, for finishing or undoing one cut short. */
import { z } from 'zod';
import { storedJson } from '../../store/bad-rows';
import { ROLES, type Role } from '../../core/roles';
import type { StoreDb } from '../../store/store-db';

export const DECLARE_STATES = ['started', 'channel_created', 'stored', 'finished', 'abandoned'] as const;
export type DeclareState = (typeof DECLARE_STATES)[number];

export interface DeclareAttempt {
  id: number;
  teamId: string;
  declaredBy: string;
  title: string;
  isPrivate: boolean;
  isDrill: boolean;
  firstRoles: Partial<Record<Role, string[]>>;
  state: DeclareState;
  channelName: string | null;
  channelId: string | null;
  crisisId: number | null;
  declarerTold: boolean;
  repairTries: number;
  startedAt: string;
  /** When its last step was written: the heartbeat of whoever works on it. */
  updatedAt: string;
}

export type NewDeclareAttempt = Pick<DeclareAttempt, 'teamId' | 'declaredBy' | 'title' | 'isPrivate' | 'isDrill' | 'firstRoles'>;

const Row = z.object({
  id: z.number(),
  team_id: z.string(),
  declared_by: z.string(),
  title: z.string(),
  is_private: z.number(),
  is_drill: z.number(),
  first_roles_json: z.string(),
  state: z.enum(DECLARE_STATES),
  channel_name: z.string().nullable(),
  channel_id: z.string().nullable(),
  crisis_id: z.number().nullable(),
  declarer_told: z.number(),
  repair_tries: z.number(),
  started_at: z.string(),
  updated_at: z.string(),
});

/** Stored JSON is checked like any other input: a row it cannot read gives no first roles. */
const FirstRoles = z.partialRecord(z.enum(ROLES), z.array(z.string()));

function firstRolesOf(json: string): Partial<Record<Role, string[]>> {
  return storedJson('declare_attempts.first_roles', FirstRoles, json, {});
}

function toAttempt(raw: unknown): DeclareAttempt {
  const r = Row.parse(raw);
  return {
    id: r.id,
    teamId: r.team_id,
    declaredBy: r.declared_by,
    title: r.title,
    isPrivate: r.is_private === 1,
    isDrill: r.is_drill === 1,
    firstRoles: firstRolesOf(r.first_roles_json),
    state: r.state,
    channelName: r.channel_name,
    channelId: r.channel_id,
    crisisId: r.crisis_id,
    declarerTold: r.declarer_told === 1,
    repairTries: r.repair_tries,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
  };
}

export class DeclareAttemptsRepo {
  private readonly insertStmt;
  private readonly tryingStmt;
  private readonly createdStmt;
  private readonly storedStmt;
  private readonly endStmt;
  private readonly toldStmt;
  private readonly failedTryStmt;
  private readonly getStmt;
  private readonly unfinishedStmt;
  private readonly takeOverStmt;

  constructor(db: StoreDb) {
    this.insertStmt = db.prepare(`INSERT INTO declare_attempts (team_id, declared_by, title, is_private, is_drill, first_roles_json, state, started_at, updated_at)
      VALUES (@teamId, @declaredBy, @title, @isPrivate, @isDrill, @firstRolesJson, 'started', @at, @at)`);
    this.tryingStmt = db.prepare(`UPDATE declare_attempts SET channel_name = ?, updated_at = ? WHERE id = ? AND state = 'started'`);
    this.createdStmt = db.prepare(`UPDATE declare_attempts SET state = 'channel_created', channel_id = ?, channel_name = ?, updated_at = ? WHERE id = ? AND state = 'started'`);
    this.storedStmt = db.prepare(`UPDATE declare_attempts SET state = 'stored', crisis_id = ?, updated_at = ? WHERE id = ? AND state = 'channel_created'`);
    this.endStmt = db.prepare(`UPDATE declare_attempts SET state = ?, updated_at = ? WHERE id = ? AND state IN ('started', 'channel_created', 'stored')`);
    this.toldStmt = db.prepare('UPDATE declare_attempts SET declarer_told = 1, updated_at = ? WHERE id = ?');
    this.failedTryStmt = db.prepare('UPDATE declare_attempts SET repair_tries = repair_tries + 1, updated_at = ? WHERE id = ?');
    this.getStmt = db.prepare('SELECT * FROM declare_attempts WHERE id = ?');
    this.unfinishedStmt = db.prepare(`SELECT * FROM declare_attempts WHERE state IN ('started', 'channel_created', 'stored') ORDER BY id LIMIT ?`);
    // Compare-and-set on the last heartbeat seen: of two replicas taking over one attempt, one wins.
    this.takeOverStmt = db.prepare(`UPDATE declare_attempts SET updated_at = @at WHERE id = @id AND updated_at = @seen AND state IN ('started', 'channel_created', 'stored')`);
  }

  /**
   * Takes over an unfinished attempt whose last step was written at `seen` (its heartbeat): false
   * when another replica wrote to it since (it is still being declared, or repaired).
   */
  takeOver(id: number, seen: string, at: string): boolean {
    return this.takeOverStmt.run({ id, seen, at }).changes === 1;
  }

  /** A declare starting: returns its id. */
  begin(attempt: NewDeclareAttempt, at: string): number {
    const info = this.insertStmt.run({
      teamId: attempt.teamId,
      declaredBy: attempt.declaredBy,
      title: attempt.title,
      isPrivate: attempt.isPrivate ? 1 : 0,
      isDrill: attempt.isDrill ? 1 : 0,
      firstRolesJson: JSON.stringify(attempt.firstRoles),
      at,
    });
    return Number(info.lastInsertRowid);
  }

  /** The channel name about to be asked for (before each conversations.create). */
  trying(id: number, channelName: string, at: string): void {
    this.tryingStmt.run(channelName, at, id);
  }

  channelCreated(id: number, channel: { id: string; name: string }, at: string): void {
    this.createdStmt.run(channel.id, channel.name, at, id);
  }

  /** In the transaction that stores the crisis: the two land together or not at all. */
  stored(id: number, crisisId: number, at: string): void {
    this.storedStmt.run(crisisId, at, id);
  }

  /** Ends an unfinished attempt; false when it had ended already. */
  end(id: number, state: 'finished' | 'abandoned', at: string): boolean {
    return this.endStmt.run(state, at, id).changes === 1;
  }

  markTold(id: number, at: string): void {
    this.toldStmt.run(at, id);
  }

  countFailedRepair(id: number, at: string): void {
    this.failedTryStmt.run(at, id);
  }

  get(id: number): DeclareAttempt | undefined {
    const row = this.getStmt.get(id);
    return row === undefined ? undefined : toAttempt(row);
  }

  /** Attempts not yet finished or abandoned, oldest first. */
  unfinished(limit: number): DeclareAttempt[] {
    return this.unfinishedStmt.all(limit).map(toAttempt);
  }
}
