/**
 * App Home republishing: touches coalesced per person, paced under views.publish's Tier 4 budget,
 * an opened tab published at once, failures only logged, nothing after stop. Fake timers, a fake
 * Web API: no Slack, no sleeping.
 */
import type { HomeView } from '@slack/types';
import { silentLogger } from '../../src/logger';
import { SlackHomePublisher } from '../../src/features/people/slack/home-publisher';

class FakeApi {
  readonly published: string[] = [];
  failFor = new Set<string>();
  async call(method: string, args: Record<string, unknown>): Promise<undefined> {
    if (method !== 'views.publish') throw new Error(`unexpected ${method}`);
    const user = String(args.user_id);
    if (this.failFor.has(user)) throw new Error('not_enabled');
    this.published.push(user);
    return undefined;
  }
}

const view = (userId: string): HomeView => ({ type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: userId } }] });

let api: FakeApi;
let renders: string[];
beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-03-05T09:00:00Z') });
  api = new FakeApi();
  renders = [];
});
afterEach(() => {
  jest.useRealTimers();
});

function publisher(options: { perMinute?: number; debounceMs?: number } = {}): SlackHomePublisher {
  return new SlackHomePublisher(api, (userId) => (renders.push(userId), view(userId)), silentLogger, { debounceMs: 500, ...options });
}

it('coalesces touches: each person once per burst, rendered when the wait ends (with what is stored then)', async () => {
  const home = publisher();
  home.touch(['U1', 'U2']);
  home.touch(['U1']);
  await jest.advanceTimersByTimeAsync(499);
  expect(api.published).toEqual([]);
  home.touch(['U3', 'U2']);
  await jest.advanceTimersByTimeAsync(1);
  expect(api.published.sort()).toEqual(['U1', 'U2', 'U3']);
  expect(renders.sort()).toEqual(['U1', 'U2', 'U3']);
  home.touch(['U1']);
  await jest.advanceTimersByTimeAsync(500);
  expect(api.published.filter((u) => u === 'U1')).toHaveLength(2);
});

it('keeps within the budget per minute: the rest waits for the window to free a slot', async () => {
  const home = publisher({ perMinute: 3 });
  home.touch(['U1', 'U2', 'U3', 'U4', 'U5']);
  await jest.advanceTimersByTimeAsync(500);
  expect(api.published).toHaveLength(3);
  expect(home.recentPublishes).toBe(3);
  await jest.advanceTimersByTimeAsync(59_000);
  expect(api.published).toHaveLength(3);
  await jest.advanceTimersByTimeAsync(1_100);
  expect(api.published).toHaveLength(5);
  expect(new Set(api.published).size).toBe(5);
});

it('publishes an opened tab at once, and that counts as the pending refresh of that person', async () => {
  const home = publisher();
  home.touch(['U1', 'U2']);
  await home.publishNow('U1');
  expect(api.published).toEqual(['U1']);
  await jest.advanceTimersByTimeAsync(500);
  expect(api.published).toEqual(['U1', 'U2']);
});

it('logs a failed publish and goes on with the others', async () => {
  const home = publisher();
  api.failFor.add('U2');
  home.touch(['U1', 'U2', 'U3']);
  await jest.advanceTimersByTimeAsync(500);
  expect(api.published.sort()).toEqual(['U1', 'U3']);
  await expect(home.publishNow('U2')).resolves.toBeUndefined();
});

it('drops what is pending at stop and publishes nothing after', async () => {
  const home = publisher();
  home.touch(['U1']);
  await home.stop();
  home.touch(['U2']);
  await home.publishNow('U3');
  await jest.advanceTimersByTimeAsync(5_000);
  expect(api.published).toEqual([]);
});
