/**
 * Property tests against the real app over HTTP, every request signed: random modal submissions
 * (random state.values in Slack's shapes), random button and checkbox clicks, random event bodies
 * and random `/crisis` texts. Whatever arrives: an answer within the ack window (never a 500 or a
 * missed ack), no error logged (the app's error handler and "unexpected error" never hit), a reply
 * for every command, and a bot still healthy at the end.
 */
import fc from 'fast-check';
import { createLogger } from '../../src/logger';
import type { Crisis } from '../../src/core/crisis';
import { ROLES } from '../../src/core/roles';
import { ACTIONS, INPUTS, roleInput, VIEWS } from '../../src/slack/ids';
import { ALICE, BOB, CAROL, DAVE, GENERAL, startHarness, type Harness } from '../helpers/harness';
import { declare, reply } from './fixtures/crisis-steps';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const USERS = [ALICE, BOB, CAROL, DAVE];

let h: Harness;
let open: Crisis;
let resolved: Crisis;
const errors: string[] = [];
let unique = 0;
const next = (): number => (unique += 1);

beforeAll(async () => {
  const logger = createLogger('warn', [], (line) => {
    if (line.includes('"level":"error"')) errors.push(line);
  });
  h = await startHarness({ logger });
  open = await declare(h, ALICE, GENERAL, 'Fuzzed crisis');
  resolved = await declare(h, BOB, GENERAL, 'Fuzzed and resolved');
  await reply(h, BOB, resolved.channelId, 'resolve fuzz over');
  await reply(h, ALICE, open.channelId, `assign <@${BOB}> info`);
  await reply(h, ALICE, open.channelId, 'action fuzz the listeners');
});

afterAll(async () => {
  await h.close();
});

afterEach(() => {
  const found = errors.splice(0);
  // One line per distinct problem keeps a failure readable.
  expect([...new Set(found.map((l) => (JSON.parse(l) as { message: string; error?: { message?: string } }).error?.message ?? (JSON.parse(l) as { message: string }).message))]).toEqual([]);
});

// --- generators ------------------------------------------------------------------------------

const user = fc.constantFrom(...USERS);
const anyUserId = fc.oneof(user, fc.constantFrom('U0BOT', 'U0NOBODY', 'W0STRANGER', ''), fc.string({ maxLength: 12 }));
const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('', ' ', '<!channel>', '&amp;', 'x'.repeat(3000), 'sev1', 'investigating', '15', '30', '60', '1440', 'hidden'),
);
const option = fc.record({ text: fc.record({ type: fc.constant('plain_text'), text }), value: text });
/** Element states as Slack sends them for the element types our modals use, and some it never would. */
const elementState = fc.oneof(
  fc.record({ type: fc.constant('plain_text_input'), value: fc.option(text, { nil: null }) }),
  fc.record({ type: fc.constant('static_select'), selected_option: fc.option(option, { nil: null }) }),
  fc.record({ type: fc.constant('users_select'), selected_user: fc.option(anyUserId, { nil: null }) }),
  fc.record({ type: fc.constant('multi_users_select'), selected_users: fc.array(anyUserId, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('checkboxes'), selected_options: fc.array(option, { maxLength: 3 }) }),
  fc.record({ type: fc.constant('datetimepicker'), selected_date_time: fc.option(fc.integer({ min: -1e10, max: 1e10 }), { nil: null }) }),
  // Shapes Slack would not send: any JSON under the keys our readers look at.
  fc.dictionary(fc.constantFrom('type', 'value', 'selected_option', 'selected_user', 'selected_users', 'selected_options', 'selected_date_time'), fc.jsonValue({ maxDepth: 2 })),
);
const INPUT_IDS = [...Object.values(INPUTS), ...ROLES.map((r) => roleInput(r))];
/** Some of our input blocks (with their own or a stray action_id), in any element shape. */
const stateValues = fc
  .array(fc.tuple(fc.constantFrom(...INPUT_IDS), fc.boolean(), elementState), { maxLength: 9 })
  .map((entries) => Object.fromEntries(entries.map(([ids, ownAction, state]) => [ids.block, { [ownAction ? ids.action : 'stray_action']: state }])));

const crisisRef = fc.constantFrom(() => open, () => resolved);
/** What each modal carries in private_metadata: Slack hands back what the bot put there. */
const viewAndMetadata = fc.oneof(
  fc.constantFrom(JSON.stringify({ channelId: null }), JSON.stringify({ channelId: GENERAL })).map((m) => [VIEWS.declare, m] as const),
  fc.tuple(fc.constantFrom(VIEWS.roles, VIEWS.update, VIEWS.lessons), crisisRef).map(([v, c]) => [v, JSON.stringify({ crisisId: c().id })] as const),
  fc.tuple(crisisRef, fc.integer({ min: 1, max: 40 })).map(([c, entryId]) => [VIEWS.timelineEdit, JSON.stringify({ crisisId: c().id, entryId })] as const),
);

function send(payload: Record<string, unknown>): ReturnType<Harness['driver']['raw']> {
  return h.driver.raw({ body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' });
}

function expectAcked(res: { status: number; body: string }): void {
  expect(res.status).toBe(200);
  if (res.body) expect(() => JSON.parse(res.body) as unknown).not.toThrow();
}

const team = { id: 'T0CRISIS', domain: 'crisis-emulated' };
const userRef = (id: string): Record<string, unknown> => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: 'T0CRISIS' });

// --- properties ------------------------------------------------------------------------------

it('answers every modal submission, whatever its values', async () => {
  await fc.assert(
    fc.asyncProperty(viewAndMetadata, user, stateValues, async ([callbackId, metadata], userId, values) => {
      const n = next();
      const res = await send({
        type: 'view_submission',
        team,
        user: userRef(userId),
        api_app_id: 'A0CRISIS',
        token: 'emulated-verification-token',
        trigger_id: `${n}.1.fuzz`,
        view: { id: `VFUZZ${n}`, hash: `${n}.hash`, type: 'modal', callback_id: callbackId, private_metadata: metadata, team_id: 'T0CRISIS', blocks: [], state: { values } },
      });
      expectAcked(res);
      if (res.body) expect(JSON.parse(res.body)).toEqual(expect.objectContaining({ response_action: expect.stringMatching(/^(errors|update|push|clear)$/) }));
    }),
    { numRuns: RUNS },
  );
});

it('answers every button and checkbox click, wherever it comes from', async () => {
  const actionIds = Object.values(ACTIONS);
  const channel = fc.option(fc.constantFrom(() => open.channelId, () => resolved.channelId, () => GENERAL, () => 'C0VANISHED'), { nil: undefined });
  const value = fc.oneof(text, fc.integer({ min: -3, max: 60 }).map(String), fc.constantFrom('1:0', '1:99', '99:0', '15', '30'));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...actionIds), user, channel, fc.option(value, { nil: undefined }), fc.array(fc.record({ text: fc.record({ type: fc.constant('mrkdwn'), text }), value }), { maxLength: 3 }), fc.boolean(), fc.string({ maxLength: 20 }), async (actionId, userId, channelOf, v, options, withMessage, blockId) => {
      const n = next();
      const channelId = channelOf?.();
      const checkbox = actionId === ACTIONS.checklistToggle;
      const action = checkbox
        ? { type: 'checkboxes', action_id: actionId, block_id: blockId, selected_options: options, action_ts: `${n}.000001` }
        : { type: 'button', action_id: actionId, block_id: blockId, text: { type: 'plain_text', text: 'x' }, action_ts: `${n}.000001`, ...(v !== undefined ? { value: v } : {}) };
      const res = await send({
        type: 'block_actions',
        user: userRef(userId),
        api_app_id: 'A0CRISIS',
        token: 'emulated-verification-token',
        team,
        trigger_id: `${n}.2.fuzz`,
        container: channelId ? { type: 'message', channel_id: channelId, message_ts: `${n}.5`, is_ephemeral: false } : { type: 'view', view_id: `VX${n}` },
        ...(channelId
          ? {
              channel: { id: channelId, name: 'somewhere' },
              response_url: h.emu.issueResponseUrl({ channelId, userId }),
              ...(withMessage ? { message: { type: 'message', ts: `${n}.5`, text: 'a reminder', user: 'U0BOT' } } : {}),
            }
          : {}),
        state: { values: {} },
        actions: [action],
      });
      expectAcked(res);
    }),
    { numRuns: RUNS },
  );
});

it('takes every event body, well-formed or odd', async () => {
  const where = fc.constantFrom(() => open.channelId, () => resolved.channelId, () => GENERAL, () => 'C0VANISHED', () => 'D0IM');
  const ts = fc.oneof(fc.constantFrom('1.000000', '9999999999.999999'), fc.string({ maxLength: 20 }));
  const event = fc.oneof(
    fc.record({ type: fc.constant('reaction_added'), user: anyUserId, reaction: fc.oneof(fc.constantFrom('pushpin', 'memo'), fc.string({ maxLength: 10 })), item: fc.record({ type: fc.constantFrom('message', 'file', 'file_comment'), channel: where.map((f) => f()), ts }), item_user: fc.option(anyUserId, { nil: undefined }), event_ts: ts }, { requiredKeys: ['type', 'user', 'reaction', 'item'] }),
    fc.record({ type: fc.constant('pin_added'), user: anyUserId, channel_id: where.map((f) => f()), item: fc.record({ type: fc.constantFrom('message', 'file'), channel: where.map((f) => f()), message: fc.option(fc.record({ ts, text: fc.option(text, { nil: undefined }), user: fc.option(anyUserId, { nil: undefined }) }), { nil: undefined }) }), event_ts: ts }, { requiredKeys: ['type'] }),
    fc.record({ type: fc.constant('app_home_opened'), user: anyUserId, channel: fc.constant('D0IM'), tab: fc.constantFrom('home', 'messages', 'about', ''), event_ts: ts }),
    fc.record({ type: fc.constantFrom('message', 'member_joined_channel', 'channel_archive', 'tokens_revoked', 'no_such_event'), user: anyUserId, channel: where.map((f) => f()), text, ts }),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })).map((d) => ({ ...d, type: 'reaction_added' })),
  );
  await fc.assert(
    fc.asyncProperty(event, async (ev) => {
      const n = next();
      const res = await h.driver.raw({
        contentType: 'application/json',
        body: JSON.stringify({
          token: 'emulated-verification-token',
          team_id: 'T0CRISIS',
          api_app_id: 'A0CRISIS',
          event: ev,
          type: 'event_callback',
          event_id: `EvFUZZ${n}`,
          event_time: 1_700_000_000 + n,
          authorizations: [{ enterprise_id: null, team_id: 'T0CRISIS', user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
        }),
      });
      expect(res.status).toBe(200);
    }),
    { numRuns: RUNS },
  );
  // Event work runs after the ack: let it finish before errors are checked.
  await h.settled();
});

it('answers every /crisis text with a reply or the usage', async () => {
  const words = ['declare', 'sev1', 'sev5', 'assign', 'unassign', 'lead', 'comms', 'update', 'status', 'identified', 'severity', 'remind', 'every', '5m', '0m', 'off', 'note', 'action', 'timeline', 'resolve', 'reopen', 'debrief', 'roles', 'list', 'help', `<@${BOB}>`, '<@U0BOT>', '<@W0NOBODY|x>', '<!channel>', '&', '\n'];
  const phrase = fc.oneof(
    fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' ')),
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
  );
  const channel = fc.constantFrom(() => open.channelId, () => resolved.channelId, () => GENERAL);
  /** Commands acked without words: each must answer through its response_url or open a modal. */
  const awaited: Array<{ url: string; trigger: string; said: string }> = [];
  await fc.assert(
    fc.asyncProperty(user, channel, phrase, async (userId, channelOf, said) => {
      const channelId = channelOf();
      const responseUrl = h.emu.issueResponseUrl({ channelId, userId });
      const trigger = h.emu.issueTrigger(userId);
      const form = new URLSearchParams({
        token: 'emulated-verification-token',
        team_id: 'T0CRISIS',
        team_domain: 'crisis-emulated',
        channel_id: channelId,
        channel_name: h.emu.channel(channelId)?.name ?? 'general',
        user_id: userId,
        user_name: userId.toLowerCase(),
        command: '/crisis',
        text: said,
        api_app_id: 'A0CRISIS',
        is_enterprise_install: 'false',
        response_url: responseUrl,
        trigger_id: trigger,
      });
      const res = await h.driver.raw({ body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
      expectAcked(res);
      const ackText = res.body ? (JSON.parse(res.body) as { text?: unknown }).text : undefined;
      if (typeof ackText !== 'string' || ackText.length === 0) awaited.push({ url: responseUrl, trigger, said });
    }),
    { numRuns: RUNS },
  );
  const unanswered = (): string[] =>
    awaited
      .filter(({ url, trigger }) => !h.emu.responses().some((r) => r.url === url) && !h.emu.calls('views.open').some((c) => c.args.trigger_id === trigger))
      .map(({ said }) => said);
  await h.emu.waitFor(() => unanswered().length === 0, 10_000).catch(() => undefined);
  expect(unanswered()).toEqual([]);
  const health = await fetch(`http://127.0.0.1:${h.bot.port}/healthz`);
  expect(health.status).toBe(200);
});
