/** Finding one statement of a crisis by its number, and posting its message when it has none yet. */
import { CrisisError } from '../../core/errors';
import { type Statement } from './statements';
import type { Store } from '../../core/store';
import type { ServiceDeps } from '../../core/deps';
import type { CrisisSnapshot } from '../../core/ports';
import { bestEffort } from '../../core/snapshot';

export { templateLine } from './statement-templates';

/** The statement S<n> of a crisis, or a refusal listing the ones there are. */
export function statementOf(store: Pick<Store, 'statements'>, crisisId: number, number: number): Statement {
  const found = store.statements.byNumber(crisisId, number);
  if (found) return found;
  const all = store.statements.list(crisisId);
  const known = all.length
    ? `Statements here: ${all.slice(-10).map((s) => `S${s.number} (${s.state.replace('_', ' ')})`).join(', ')}. \`/crisis statements\` lists them.`
    : 'This crisis has no statements yet; `/crisis statement <text>` drafts one.';
  throw new CrisisError('not_found', `There is no statement S${number} in this crisis. ${known} Nothing changed.`);
}

/** Posts the statement's channel message, or updates it in place; records a new message's ts. */
export async function showStatement(deps: ServiceDeps, snapshot: CrisisSnapshot, statement: Statement): Promise<string | null> {
  return bestEffort(
    deps,
    `show S${statement.number} in the channel`,
    async () => {
      if (statement.messageTs) {
        await deps.notifier.updateStatement(snapshot, statement);
        return;
      }
      const ts = await deps.notifier.postStatement(snapshot, statement);
      deps.store.statements.setMessage(statement.id, ts);
    },
    { crisisId: statement.crisisId, statement: statement.number },
  );
}
