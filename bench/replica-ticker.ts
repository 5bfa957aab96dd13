/**
 * One replica for the two-replica benchmark (bench/replicas.ts), in a process of its own: the
 * bot's store and services on the PostgreSQL database in REPLICA_DATABASE_URL (its own
 * PostgresSyncDatabase connection), a clock held at REPLICA_NOW and a Notifier that only writes
 * down what it was asked to send. On "go" it ticks the way the scheduler does (update reminders,
 * then scheduled alerts) until a tick finds nothing left due, and reports everything it sent.
 */
import { ManualClock } from '../src/clock';
import { createServices } from '../src/app/services';
import { createStore } from '../src/app/store';
import type { ChannelNotice, CrisisSnapshot } from '../src/core/ports';
import type { DeadlineAlertMessage } from '../src/features/deadlines/deadline-ports';
import { silentLogger } from '../src/logger';
import { loadPlaybooks } from '../src/playbooks/load-playbooks';
import { PostgresSyncDatabase } from '../src/store/sql/postgres-sync';
import { StubNotifier } from '../test/helpers/stub-notifier';

export interface ReplicaReport {
  /** Crisis ids, one per update reminder this replica posted. */
  reminders: number[];
  /** `crisis:clock:kind`, one per deadline alert posted. */
  alerts: string[];
  /** Crisis ids, one per spokesperson nudge posted. */
  nudges: number[];
  ticks: number;
  ms: number;
  /** Errors a tick threw (a tick that fails is logged by the scheduler and tried again). */
  errors: string[];
}

class RecordingNotifier extends StubNotifier {
  readonly sent: Pick<ReplicaReport, 'reminders' | 'alerts' | 'nudges'> = { reminders: [], alerts: [], nudges: [] };

  override async postReminder(snapshot: CrisisSnapshot): Promise<void> {
    this.sent.reminders.push(snapshot.crisis.id);
  }

  override async postDeadlineAlert(snapshot: CrisisSnapshot, alert: DeadlineAlertMessage): Promise<void> {
    this.sent.alerts.push(`${snapshot.crisis.id}:${alert.clock.clockId}:${alert.kind}`);
  }

  override async postNotice(snapshot: CrisisSnapshot, notice: ChannelNotice): Promise<void> {
    if (notice.kind === 'role_nudge') this.sent.nudges.push(snapshot.crisis.id);
  }
}

function main(): void {
  const url = process.env.REPLICA_DATABASE_URL;
  const now = process.env.REPLICA_NOW;
  if (!url || !now || !process.send) throw new Error('run by bench/replicas.ts');
  const db = new PostgresSyncDatabase({ url });
  db.prepare('SELECT 1').get();
  const clock = new ManualClock(now);
  const notifier = new RecordingNotifier();
  const store = createStore(db);
  const services = createServices({ store, clock, notifier, logger: silentLogger, settings: { timeZone: 'UTC', announceChannel: undefined, admins: [] }, playbooks: loadPlaybooks() });
  // Built before "go", so both start ticking at once.
  void services.reminders;
  process.on('message', (message: unknown) => {
    if (message !== 'go') return;
    void (async () => {
      const started = performance.now();
      const errors: string[] = [];
      let ticks = 0;
      for (let idle = 0; idle < 2; ) {
        ticks += 1;
        let due = 0;
        for (const ticker of [services.reminders, services.alerts]) {
          try {
            due += (await ticker.tick()).due;
          } catch (err) {
            errors.push(err instanceof Error ? err.message : String(err));
            due += 1;
          }
        }
        // Nothing due twice in a row: what the other replica had leased is done too.
        idle = due === 0 ? idle + 1 : 0;
        if (ticks > 200) break;
      }
      const report: ReplicaReport = { ...notifier.sent, ticks, ms: performance.now() - started, errors };
      db.close();
      process.send?.(report, () => process.exit(0));
    })();
  });
  process.send('ready');
}

main();
