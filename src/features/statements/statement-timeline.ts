/**
 * The timeline kinds of statements and their promises. Publishing keeps the older kind `statement` (a statement that went out
 * to customers), so the debrief's key times and counts read old and new rows alike.
 */
import { z } from 'zod';
import { defineTimelineKinds } from '../../core/timeline';
import { APPROVED_AS } from './statements';

const statement = z.number().int().positive();

/**
 * The data of a published statement (kind `statement`). Optional: rows from before review existed
 * carry none.
 */
export const PUBLISHED_STATEMENT_DATA = z.object({
  statement: statement.optional(),
  published_to: z.string().optional(),
  promise_due_at: z.string().nullable().optional(),
});

const STATEMENT_TIMELINE_DATA = {
  statement: PUBLISHED_STATEMENT_DATA,
  statement_drafted: z.object({
    statement,
    audience: z.string(),
    template_id: z.string().nullable(),
    pre_approved: z.boolean(),
    next_minutes: z.number().nullable(),
    /** The filled-in placeholders legal had not seen, which kept a pre-approved template in review. */
    unseen: z.array(z.string()).optional(),
  }),
  statement_edited: z.object({ statement, from_state: z.string() }),
  statement_changes_requested: z.object({ statement }),
  statement_approved: z.object({ statement, as: z.enum(APPROVED_AS) }),
  promise_kept: z.object({ statement, due_at: z.string(), kept_by: statement }),
  promise_reminder: z.object({ statement, due_at: z.string() }),
  promise_broken: z.object({ statement, due_at: z.string() }),
} as const;

const STATEMENT_TIMELINE_LABELS: Record<keyof typeof STATEMENT_TIMELINE_DATA, string> = {
  statement: 'Customer statement',
  statement_drafted: 'Statement drafted',
  statement_edited: 'Statement edited',
  statement_changes_requested: 'Changes requested',
  statement_approved: 'Statement approved',
  promise_kept: 'Promise kept',
  promise_reminder: 'Promise reminder',
  promise_broken: 'Promise broken',
};

export const STATEMENT_TIMELINE = defineTimelineKinds(STATEMENT_TIMELINE_DATA, STATEMENT_TIMELINE_LABELS);

type StatementKinds = typeof STATEMENT_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends StatementKinds {}
}
