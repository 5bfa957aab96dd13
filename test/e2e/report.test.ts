/**
 * Issue 13, `/crisis report` through the emulator: a short summary to the person (ephemeral, naming
 * no crisis), and in their DM a Markdown file and the PNG chart (a fake renderer's bytes, uploaded
 * for real). Drills are left out; a private crisis is counted but its title never leaves its
 * channel. Bad periods are refused with what is accepted, and a failed upload is said.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Crisis } from '../../src/core/crisis';
import { ALICE, DAVE, GENERAL, type Harness } from '../helpers/harness';
import { TINY_PNG } from '../helpers/people-fakes';
import { ackText, commandWithReply, crisisCommand, declareQuick, readable, replyText, startAt } from './helpers/declare-helpers';

const SECRET = 'Customer data exposed at Acme Bank';
const DRILL = 'Kettle K2 overheating';
let h: Harness;
let specs: unknown[];

async function drillQuick(text: string): Promise<Crisis> {
  const { reply } = await commandWithReply(h, ALICE, GENERAL, `drill ${text}`);
  const channelId = /<#(C[A-Z0-9]+)>/.exec(replyText(reply))?.[1];
  const crisis = channelId ? h.bot.store.crises.byChannel(channelId) : undefined;
  if (!crisis?.isDrill) throw new Error(`the drill did not start: ${replyText(reply)}`);
  return crisis;
}

beforeEach(async () => {
  specs = [];
  h = await startAt({ bot: { reportChart: { renderPng: async (spec) => (specs.push(spec), TINY_PNG) } } });
  // 09:00 a public sev1: first update after 10 min, resolved after an hour.
  const { crisis: open } = await declareQuick(h, 'sev1 Checkout payments failing', ALICE);
  // 09:05 a private sev1 breach: first update after 30 min. 09:06 a drill with an update at once.
  h.clock.advanceMinutes(5);
  const { crisis: secret } = await declareQuick(h, `breach: ${SECRET}`, ALICE);
  h.clock.advanceMinutes(1);
  const drill = await drillQuick(`sev2 recall: ${DRILL}`);
  await commandWithReply(h, ALICE, drill.channelId, 'update Drill update');
  await commandWithReply(h, ALICE, drill.channelId, 'action Drill follow-up');
  h.clock.advanceMinutes(4);
  await commandWithReply(h, ALICE, open.channelId, 'update Switching providers');
  h.clock.advanceMinutes(25);
  await commandWithReply(h, ALICE, secret.channelId, 'update Scope known');
  h.clock.advanceMinutes(25);
  await commandWithReply(h, ALICE, open.channelId, 'resolve Payments restored');
  h.clock.advanceMinutes(5);
});
afterEach(async () => {
  await h.close();
  fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
});

it('answers with a summary, and sends the Markdown file and the PNG chart to the person\'s DM', async () => {
  const { ack, reply } = await commandWithReply(h, DAVE, GENERAL, 'report 30d');
  expect(ackText(ack)).toBe('Building the report for the last 30 days…');
  expect(reply.body.response_type).toBe('ephemeral');
  const summary = replyText(reply);
  expect(summary).toContain('Crisis report: the last 30 days');
  expect(summary).toContain('*2* crises declared (1 resolved, 1 open, 1 private); drills left out.');
  expect(summary).toContain(':red_circle: sev1 2 · :large_orange_circle: sev2 0');
  expect(summary).toContain('*Median to first update*\n20 min (2 of 2 crises had one)');
  expect(summary).toContain('*Median to resolution*\n1 h (1 of 2 crises resolved)');
  expect(summary).toContain('*Updates on time*\n2 of 2 due times (100%)');
  expect(summary).toContain('*Missed updates*\n0');
  expect(summary).toContain('*Broken promises*\n0');
  expect(summary).toContain('*Missed deadlines*\n0');
  expect(summary).toContain('*Open follow-up actions*\n0');
  expect(summary).toContain('The full report and a chart of crises per week by severity are in your DM.');

  // In Dave's DM: both files shared in one call, with the message as its comment.
  const complete = await h.emu.waitFor(() => h.emu.calls('files.completeUploadExternal')[0]);
  expect(complete.args.channels).toBe(DAVE);
  const shared = h.emu.dmsTo(DAVE).find((m) => (m.files ?? []).length === 2);
  const dm = h.emu.channel(shared?.channel ?? '');
  expect(dm?.is_im && dm.imUser).toBe(DAVE);
  expect(readable(shared)).toContain('*Crisis report: the last 30 days* — 2 crises, drills left out.');
  const files = [...h.emu.state.files.values()].filter((f) => f.completed);
  expect(files.map((f) => f.filename).sort()).toEqual(['crisis-report-20260305-30d.md', 'crisis-report-20260305-30d.png']);
  const png = files.find((f) => f.filename.endsWith('.png'));
  expect(png?.content?.equals(TINY_PNG)).toBe(true);
  const md = files.find((f) => f.filename.endsWith('.md'))?.content?.toString('utf8') ?? '';
  expect(md).toContain('- Crises declared: 2 (1 resolved, 1 still open, 1 private)');
  expect(md).toContain('- Median time to first update: 20 min (2 of 2 crises had one)');
  expect(md).toContain('| Checkout payments failing | Other | sev1 | Resolved | 1 h |');
  expect(md).toContain('| private crisis (lead Alice Archer) | Data breach | sev1 | Investigating | — |');
  expect(specs).toHaveLength(1);
  expect(specs[0]).toMatchObject({ type: 'stacked_bar', categories: ['Feb 2', 'Feb 9', 'Feb 16', 'Feb 23', 'Mar 2'], stacks: expect.arrayContaining([expect.objectContaining({ label: 'sev1 critical', values: [0, 0, 0, 0, 2] })]) });

  // Dave is not one of the private crisis's people: nothing sent to him, as a message, a file or
  // the reply, holds its title; the drill is nowhere in the report.
  // The two upload URLs and the share with its comment, and any message to him.
  const toDave = h.emu.calls().filter((c) => c.args.channel === DAVE || c.args.channels === DAVE || c.args.channel_id === dm?.id || c.method.startsWith('files.'));
  expect(toDave.length).toBeGreaterThanOrEqual(3);
  for (const call of toDave) expect(JSON.stringify(call.args)).not.toContain('Acme Bank');
  for (const text of [md, summary]) {
    expect(text).not.toContain('Acme Bank');
    expect(text).not.toContain(DRILL);
  }
  // The summary names no crisis at all: it may be shown in any channel.
  expect(summary).not.toContain('Checkout payments failing');
});

it.each(['0d', '5000d'])('refuses `report %s` with what is accepted, and sends nothing', async (period) => {
  const text = ackText(await crisisCommand(h, DAVE, GENERAL, `report ${period}`));
  expect(text).toContain(`\`${period}\` is not a period I can report on. Use \`/crisis report\` for the last 90 days, or \`/crisis report &lt;N&gt;d\` with N from 1 to 3650`);
  await h.settled();
  expect(h.emu.calls('files.getUploadURLExternal')).toEqual([]);
});

it('says so when the file could not be shared in the DM, and still gives the figures', async () => {
  h.emu.failNext('files.completeUploadExternal', 'not_in_channel');
  const { reply } = await commandWithReply(h, DAVE, GENERAL, 'report');
  const summary = replyText(reply);
  expect(summary).toContain('Crisis report: the last 90 days');
  expect(summary).toContain('*2* crises declared');
  expect(summary).toContain('Could not send the report file to your DM:');
  expect(summary).toContain('The full report could not be sent to your DM.');
});
