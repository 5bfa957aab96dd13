/**
 * The card's repaint throttle: a new figure reaches the card within a second (the trailing repaint
 * is due an interval after the last repaint, not after the request), no more than about one
 * chat.update a second per card however fast samples come, the card ends on the latest figure,
 * and repaints of one card never overlap. Jest's fake timers move with a ManualClock.
 */
import { ManualClock } from '../../src/clock';
import { CARD_REPAINT_INTERVAL_MS, CardThrottle } from '../../src/features/customer/card-throttle';

let clock: ManualClock;
let paints: Array<{ crisisId: number; at: number }>;

/** Moves the clock and the timers together, letting repaints that were started settle. */
async function advance(ms: number): Promise<void> {
  for (let i = 0; i < ms; i += 10) {
    clock.advanceSeconds(0.01);
    await jest.advanceTimersByTimeAsync(10);
  }
}

const t0 = Date.parse('2026-03-02T09:00:00Z');
const since = (): number => clock.now().getTime() - t0;

beforeEach(() => {
  jest.useFakeTimers();
  clock = new ManualClock(new Date(t0));
  paints = [];
});
afterEach(() => {
  jest.useRealTimers();
});

function throttle(repaint?: (crisisId: number) => Promise<void>): CardThrottle {
  return new CardThrottle(clock, repaint ?? (async (crisisId) => void paints.push({ crisisId, at: since() })));
}

it('keeps to about one chat.update a second', () => {
  expect(CARD_REPAINT_INTERVAL_MS).toBe(1000);
});

it('repaints the first figure at once, and one a second later without waiting', async () => {
  const cards = throttle();
  await cards.request(1);
  expect(paints).toEqual([{ crisisId: 1, at: 0 }]);
  await advance(1000);
  await cards.request(1);
  expect(paints).toEqual([{ crisisId: 1, at: 0 }, { crisisId: 1, at: 1000 }]);
});

it('a figure 900 ms after a repaint reaches the card 100 ms later: the wait runs from the last repaint, not the request', async () => {
  const cards = throttle();
  await cards.request(1);
  await advance(900);
  await cards.request(1);
  expect(paints).toHaveLength(1);
  await advance(90);
  expect(paints).toHaveLength(1);
  await advance(20);
  expect(paints.map((p) => p.at)).toEqual([0, 1000]);
});

it('samples every 100 ms for 10 s: at most one repaint a second, each figure on the card within a second, the last one included', async () => {
  const cards = throttle();
  const requests: number[] = [];
  for (let i = 0; i < 100; i += 1) {
    requests.push(since());
    await cards.request(1);
    await advance(100);
  }
  await advance(1500);
  const times = paints.map((p) => p.at);
  for (let i = 1; i < times.length; i += 1) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
  expect(times.length).toBeGreaterThanOrEqual(10);
  for (const asked of requests) expect(times.find((at) => at >= asked)! - asked).toBeLessThanOrEqual(1000);
});

it('throttles each card on its own', async () => {
  const cards = throttle();
  await cards.request(1);
  await cards.request(2);
  expect(paints.map((p) => p.crisisId)).toEqual([1, 2]);
});

it('never overlaps repaints of one card: a request during a slow one is served by one trailing repaint after it', async () => {
  let finish: () => void = () => {};
  let running = 0;
  let most = 0;
  const cards = throttle(async (crisisId) => {
    running += 1;
    most = Math.max(most, running);
    paints.push({ crisisId, at: since() });
    if (paints.length === 1) await new Promise<void>((resolve) => (finish = resolve));
    running -= 1;
  });
  const first = cards.request(1);
  await advance(3000);
  await cards.request(1);
  await cards.request(1);
  await advance(3000);
  expect(paints).toHaveLength(1);
  finish();
  await first;
  await advance(20);
  // Right after the slow one ended (more than an interval since it started), not before.
  expect(paints).toHaveLength(2);
  expect(paints[1]?.at).toBeGreaterThanOrEqual(6000);
  expect(paints[1]?.at).toBeLessThanOrEqual(6020);
  expect(most).toBe(1);
});

it('a manual repaint counts as the latest, and stop() cancels the trailing one', async () => {
  const cards = throttle();
  cards.painted(1);
  await cards.request(1);
  expect(paints).toHaveLength(0);
  cards.stop();
  await advance(2000);
  expect(paints).toHaveLength(0);
});
