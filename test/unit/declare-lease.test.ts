/**
 * Declares shared by several replicas (issue 21): with a lease, a declare another replica is still
 * making (its last step written within the lease) is never repaired; once its steps stop for the
 * lease, exactly one replica takes it over (a compare-and-set on its heartbeat). Two DeclareProgress
 * objects on one store are two replicas: each has its own in-process "working on" set.
 */
import { DECLARE_LEASE_MS, DeclareProgress } from '../../src/features/crisis/declare-progress';
import { startServices, type Fixture } from './services-fixture';

let f: Fixture;
beforeEach(() => {
  f = startServices();
});
afterEach(() => f.close());

const attempt = { teamId: 'T1', declaredBy: 'U0LEAD', title: 'Checkout down', isPrivate: false, isDrill: false, firstRoles: {} };

it('leaves a declare in progress on another replica alone, then lets exactly one replica take it over once its steps stop', () => {
  const making = new DeclareProgress(f, DECLARE_LEASE_MS);
  const replicaB = new DeclareProgress(f, DECLARE_LEASE_MS);
  const replicaC = new DeclareProgress(f, DECLARE_LEASE_MS);
  const id = making.begin(attempt);

  // Still being made elsewhere: neither other replica sees it as cut short.
  expect(replicaB.unfinished(10)).toEqual([]);
  f.clock.advanceSeconds(DECLARE_LEASE_MS / 1_000 - 1);
  // A step renews the heartbeat.
  making.trying(id, 'crisis-checkout-down');
  f.clock.advanceSeconds(DECLARE_LEASE_MS / 1_000 - 1);
  expect(replicaB.unfinished(10)).toEqual([]);

  // Its replica died: past the lease, both see it; only one wins it.
  f.clock.advanceSeconds(2);
  const [seenByB] = replicaB.unfinished(10);
  const [seenByC] = replicaC.unfinished(10);
  expect(seenByB?.id).toBe(id);
  expect(seenByC?.id).toBe(id);
  expect(replicaB.claim(seenByB!)).toBe(true);
  expect(replicaC.claim(seenByC!)).toBe(false);
  // The winner's claim is a heartbeat too: nobody else sees it until it stops for a lease.
  expect(replicaC.unfinished(10)).toEqual([]);
});

it('on one process (SQLite, no lease) repairs an unfinished declare not in progress here at once, as before', () => {
  const before = new DeclareProgress(f);
  const id = before.begin(attempt);
  const afterRestart = new DeclareProgress(f);
  expect(afterRestart.unfinished(10).map((a) => a.id)).toEqual([id]);
  expect(before.unfinished(10)).toEqual([]);
});
