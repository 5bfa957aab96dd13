/**
 * The spokesperson nudge with several replicas ticking (issue 21): it is claimed in the database
 * before it is posted, so two replicas' ticks at the same moment post it once (before, both saw no
 * record of it, both posted, and only one record was kept: found by `npm run bench`). A replica
 * whose post failed gives the claim back, and the next tick posts it.
 */
import { silentLogger } from '../../src/logger';
import { shippedPlaybooks } from '../helpers/playbooks';
import { ReminderService, SPOKESPERSON_NUDGE_AFTER_MINUTES } from '../../src/features/updates/reminder-service';
import { ADMIN, BOT, RecordingNotifier, startServices, type Fixture } from './services-fixture';

let f: Fixture;
beforeEach(() => {
  f = startServices();
});
afterEach(() => f.close());

/** Another replica's reminder ticker on the same database, with its own Slack side. */
function replica(notifier: RecordingNotifier): ReminderService {
  return new ReminderService({ store: f.store, clock: f.clock, notifier, settings: { timeZone: 'UTC', announceChannel: undefined, admins: [ADMIN], botUserId: BOT }, logger: silentLogger, playbooks: shippedPlaybooks() });
}

const nudges = (n: RecordingNotifier): number => n.notices.filter((x) => x.kind === 'role_nudge').length;

it('two replicas ticking at once post the nudge once, and record it once', async () => {
  const crisis = await f.declare('Checkout down');
  f.clock.advanceMinutes(SPOKESPERSON_NUDGE_AFTER_MINUTES + 1);
  const [a, b] = [new RecordingNotifier(), new RecordingNotifier()];
  await Promise.all([replica(a).tick(), replica(b).tick()]);
  expect(nudges(a) + nudges(b)).toBe(1);
  expect(f.store.timeline.list(crisis.id).filter((e) => e.kind === 'role_nudge')).toHaveLength(1);
  // Later ticks on either replica post nothing more.
  f.clock.advanceMinutes(10);
  await Promise.all([replica(a).tick(), replica(b).tick()]);
  expect(nudges(a) + nudges(b)).toBe(1);
});

it('a post that failed gives the claim back: the next tick, on any replica, posts it', async () => {
  await f.declare('Checkout down');
  f.clock.advanceMinutes(SPOKESPERSON_NUDGE_AFTER_MINUTES + 1);
  const failing = new RecordingNotifier();
  failing.postNotice = () => Promise.reject(new Error('Slack is down'));
  await replica(failing).tick();
  const other = new RecordingNotifier();
  await replica(other).tick();
  expect(nudges(other)).toBe(1);
});
