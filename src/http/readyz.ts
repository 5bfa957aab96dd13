/**
 * GET /readyz: whether a load balancer should send this replica work (src/store/readiness.ts says
 * what ready means). 200 `{"ok":true}`; 503 `{"ok":false,"error":"migrating" | "migrations_pending"
 * | "database_unavailable"}`, the database's own words kept for the log (a change is logged once).
 * A check that has not answered within READY_TIMEOUT_MS is a 503: a probe must not hang on a
 * database that does not answer. /healthz stays liveness (src/slack/app.ts).
 */
import type { Logger } from '../logger';
import type { Readiness } from '../store/readiness';
import { sendJson } from './door';
import type { HttpRoute } from './route';

export const READY_TIMEOUT_MS = 1_000;

export type ReadinessCheck = () => Readiness | Promise<Readiness>;

function within(check: ReadinessCheck, ms: number): Promise<Readiness> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ready: false, reason: 'database_unavailable', problem: `no answer within ${ms} ms` }), ms);
    timer.unref();
    Promise.resolve()
      .then(check)
      .then(
        (result) => resolve(result),
        (err: unknown) => resolve({ ready: false, reason: 'database_unavailable', problem: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => clearTimeout(timer));
  });
}

export function readyRoute(check: ReadinessCheck, logger: Logger, timeoutMs = READY_TIMEOUT_MS): HttpRoute {
  let wasReady = true;
  return {
    method: 'GET',
    path: '/readyz',
    handler: async (_req, res) => {
      const now = await within(check, timeoutMs);
      if (!now.ready && wasReady) logger.warn('not ready; /readyz answers 503', { reason: now.reason, problem: now.problem });
      if (now.ready && !wasReady) logger.info('ready again; /readyz answers 200');
      wasReady = now.ready;
      sendJson(res, now.ready ? 200 : 503, now.ready ? { ok: true } : { ok: false, error: now.reason });
    },
  };
}
