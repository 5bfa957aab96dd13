/**
 * The report's reads: each fact of every real crisis declared since a time, as one aggregate query
 * grouped by crisis (never one query per crisis), so a report over 10,000 crises stays well under a
 * second. Drills are left out here, in every query, through the `crises_declared` index.
 */
import { z } from 'zod';
import { badStoredRow } from '../../store/bad-rows';
import { SEVERITIES, STATUSES } from '../../core/crisis';
import type { CrisisFacts, PlanChange, ReportCrisis } from './report';
import { epochSeconds, jsonText } from '../../store/sql/dialect';
import { engineOf, type StoreDb } from '../../store/store-db';

/** The window every query shares: real crises declared since the bound parameter. */
const IN_WINDOW = 'c.is_drill = 0 AND c.declared_at >= @since';

const CrisisRow = z.object({
  id: z.number(),
  crisis_type: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(STATUSES),
  is_private: z.number(),
  title: z.string(),
  declared_at: z.string(),
  resolved_at: z.string().nullable(),
});
const LeadRow = z.object({ crisis_id: z.number(), user_id: z.string() });
const UpdatesRow = z.object({ crisis_id: z.number(), first_at: z.string().nullable(), met: z.number(), missed: z.number() });
const StatementsRow = z.object({ crisis_id: z.number(), first_at: z.string().nullable(), kept: z.number(), broken: z.number(), without_legal: z.number() });
const SeverityRow = z.object({ crisis_id: z.number(), most_severe: z.enum(SEVERITIES).nullable() });
const DeadlinesRow = z.object({ crisis_id: z.number(), met: z.number(), missed: z.number() });
const OwnerRow = z.object({ owner_id: z.string().nullable(), n: z.number() });
const PlanRow = z.object({ crisis_id: z.number(), plan_changes: z.string(), submitted_at: z.string() });

export class ReportRepo {
  private readonly crisesStmt;
  private readonly leadsStmt;
  private readonly updatesStmt;
  private readonly statementsStmt;
  private readonly severitiesStmt;
  private readonly deadlinesStmt;
  private readonly ownersStmt;
  private readonly plansStmt;

  constructor(db: StoreDb) {
    const engine = engineOf(db);
    const at = (time: string): string => epochSeconds(engine, time);
    const json = (column: string, key: string): string => jsonText(engine, column, [key]);
    this.crisesStmt = db.prepare(`SELECT c.id, c.crisis_type, c.severity, c.status, c.is_private, c.title, c.declared_at, c.resolved_at
      FROM crises c WHERE ${IN_WINDOW} ORDER BY c.declared_at, c.id`);
    this.leadsStmt = db.prepare(`SELECT ra.crisis_id, ra.user_id FROM role_assignments ra JOIN crises c ON c.id = ra.crisis_id
      WHERE ${IN_WINDOW} AND ra.role = 'lead' AND ra.relieved_at IS NULL ORDER BY ra.assigned_at, ra.id`);
    // Due times of the update clock, met or missed, as the debrief counts them
    // (src/domain/update-punctuality.ts): an update posted by its due time met it; every reminder
    // is a due time that passed with none; a late update with no reminder since its due time
    // missed one the reminders did not count.
    this.updatesStmt = db.prepare(`SELECT t.crisis_id, MIN(CASE WHEN t.kind = 'update_posted' THEN t.occurred_at END) AS first_at,
        SUM(CASE WHEN t.kind = 'update_posted' AND ${at('t.occurred_at')} <= ${at(json('t.data_json', 'due_at'))} THEN 1 ELSE 0 END) AS met,
        SUM(CASE WHEN t.kind = 'reminder_sent' THEN 1
                 WHEN t.kind = 'update_posted' AND ${at('t.occurred_at')} > ${at(json('t.data_json', 'due_at'))}
                   AND NOT EXISTS (SELECT 1 FROM timeline_events r WHERE r.kind = 'reminder_sent' AND r.crisis_id = t.crisis_id AND r.hidden = 0
                     AND ${at('r.occurred_at')} BETWEEN ${at(json('t.data_json', 'due_at'))} AND ${at('t.occurred_at')}) THEN 1
                 ELSE 0 END) AS missed
      FROM timeline_events t JOIN crises c ON c.id = t.crisis_id
      WHERE t.kind IN ('update_posted', 'reminder_sent') AND t.hidden = 0 AND ${IN_WINDOW} GROUP BY t.crisis_id`);
    // The first published statement; the promises statements made that were kept or broken (a
    // promise the resolution ended was neither; one past due and never kept is broken, as the
    // debrief counts it, whether or not its alert went out); and statements that went out with
    // the lead standing in for legal.
    this.statementsStmt = db.prepare(`SELECT s.crisis_id,
        MIN(CASE WHEN s.state = 'published' THEN s.published_at END) AS first_at,
        SUM(CASE WHEN s.promise_state = 'kept' THEN 1 ELSE 0 END) AS kept,
        SUM(CASE WHEN s.promise_state = 'broken'
                   OR (s.promise_state = 'pending' AND ${at('s.promise_due_at')} <= ${at('COALESCE(c.resolved_at, @now)')}) THEN 1 ELSE 0 END) AS broken,
        SUM(CASE WHEN s.state = 'published' AND s.approved_as = 'lead' THEN 1 ELSE 0 END) AS without_legal
      FROM statements s JOIN crises c ON c.id = s.crisis_id
      WHERE ${IN_WINDOW} GROUP BY s.crisis_id`);
    // The most severe each crisis ever was ('sev1' sorts first): at declaration and after each
    // change. Read only for crises at sev3 or sev4 now; for the others, now is the most severe
    // that matters (sev1 or sev2 either way).
    this.severitiesStmt = db.prepare(`SELECT t.crisis_id,
        MIN(CASE WHEN t.kind = 'declared' THEN ${json('t.data_json', 'severity')} ELSE ${json('t.data_json', 'to')} END) AS most_severe
      FROM timeline_events t JOIN crises c ON c.id = t.crisis_id
      WHERE t.kind IN ('declared', 'severity_changed') AND t.hidden = 0 AND c.severity IN ('sev3', 'sev4') AND ${IN_WINDOW} GROUP BY t.crisis_id`);
    // Met: done by its due time. Missed: done late, or not done once due (by the resolution, or now).
    this.deadlinesStmt = db.prepare(`SELECT d.crisis_id,
        SUM(CASE WHEN d.done_at IS NOT NULL AND ${at('d.done_at')} <= ${at('d.due_at')} THEN 1 ELSE 0 END) AS met,
        SUM(CASE WHEN (d.done_at IS NOT NULL AND ${at('d.done_at')} > ${at('d.due_at')})
                   OR (d.done_at IS NULL AND ${at('d.due_at')} <= ${at('COALESCE(c.resolved_at, @now)')}) THEN 1 ELSE 0 END) AS missed
      FROM deadlines d JOIN crises c ON c.id = d.crisis_id WHERE ${IN_WINDOW} GROUP BY d.crisis_id`);
    this.ownersStmt = db.prepare(`SELECT f.owner_id, COUNT(*) AS n FROM follow_up_actions f JOIN crises c ON c.id = f.crisis_id
      WHERE ${IN_WINDOW} AND f.done_at IS NULL GROUP BY f.owner_id`);
    this.plansStmt = db.prepare(`SELECT l.crisis_id, l.plan_changes, l.submitted_at FROM lessons l JOIN crises c ON c.id = l.crisis_id
      WHERE ${IN_WINDOW} AND trim(l.plan_changes) <> '' ORDER BY l.submitted_at, l.id`);
  }

  /** Real crises declared since `sinceIso`, oldest first, with their current leads. */
  crises(sinceIso: string): ReportCrisis[] {
    const leads = new Map<number, string[]>();
    for (const raw of this.leadsStmt.all({ since: sinceIso })) {
      const r = LeadRow.parse(raw);
      leads.set(r.crisis_id, [...(leads.get(r.crisis_id) ?? []), r.user_id]);
    }
    return this.crisesStmt.all({ since: sinceIso }).map((raw) => {
      const r = CrisisRow.parse(raw);
      return {
        id: r.id,
        type: r.crisis_type,
        severity: r.severity,
        status: r.status,
        isPrivate: r.is_private === 1,
        title: r.title,
        declaredAt: r.declared_at,
        resolvedAt: r.resolved_at,
        leadIds: leads.get(r.id) ?? [],
      };
    });
  }

  /** Updates and due times, statements and promises, deadlines and the most severe severity, per crisis. */
  facts(sinceIso: string, nowIso: string): Map<number, CrisisFacts> {
    const out = new Map<number, CrisisFacts>();
    const of = (id: number): CrisisFacts => {
      let f = out.get(id);
      if (!f) {
        f = {};
        out.set(id, f);
      }
      return f;
    };
    for (const raw of this.updatesStmt.all({ since: sinceIso })) {
      const r = UpdatesRow.parse(raw);
      Object.assign(of(r.crisis_id), { firstUpdateAt: r.first_at, dueTimesMet: r.met, dueTimesMissed: r.missed });
    }
    for (const raw of this.statementsStmt.all({ since: sinceIso, now: nowIso })) {
      const r = StatementsRow.parse(raw);
      Object.assign(of(r.crisis_id), { firstStatementAt: r.first_at, promisesKept: r.kept, promisesBroken: r.broken, withoutLegal: r.without_legal });
    }
    for (const raw of this.severitiesStmt.all({ since: sinceIso })) {
      const r = SeverityRow.safeParse(raw);
      // A row whose stored severity is not one we know costs the report this one fact.
      if (!r.success) badStoredRow('report.most_severe', r.error);
      else if (r.data.most_severe !== null) of(r.data.crisis_id).mostSevere = r.data.most_severe;
    }
    for (const raw of this.deadlinesStmt.all({ since: sinceIso, now: nowIso })) {
      const r = DeadlinesRow.parse(raw);
      Object.assign(of(r.crisis_id), { deadlinesMet: r.met, deadlinesMissed: r.missed });
    }
    return out;
  }

  openActionsByOwner(sinceIso: string): Array<{ ownerId: string | null; count: number }> {
    return this.ownersStmt.all({ since: sinceIso }).map((raw) => {
      const r = OwnerRow.parse(raw);
      return { ownerId: r.owner_id, count: r.n };
    });
  }

  planChanges(sinceIso: string): PlanChange[] {
    return this.plansStmt.all({ since: sinceIso }).map((raw) => {
      const r = PlanRow.parse(raw);
      return { crisisId: r.crisis_id, text: r.plan_changes, submittedAt: r.submitted_at };
    });
  }
}
