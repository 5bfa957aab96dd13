/**
 * The debrief's customer side end to end: a PNG chart of complaint volume uploaded with the
 * Markdown report in the same files.completeUploadExternal (a real PNG: its signature, its IHDR
 * chunk with a valid CRC and sane dimensions, its IEND), and the Markdown's impact history, volume
 * (peak, when, at resolution), remedies, final FAQ and the chart's file name. With no samples
 * there is no chart, and the report says none were recorded.
 */
import type { Crisis } from '../../src/core/crisis';
import { ALICE, BOB, CAROL, DAVE, type Harness } from '../helpers/harness';
import { decodePngHeader } from '../helpers/png';
import { atMinute, postVolume, runSettled, startCustomerHarness } from './helpers/customer-helpers';
import { settle } from './timeline-fixtures';
import { declare } from './updates-helpers';

let h: Harness;
let crisis: Crisis;

beforeEach(async () => {
  h = await startCustomerHarness();
  crisis = await declare(h);
});

afterEach(async () => {
  await h.close();
});

const at = (minutes: number): void => atMinute(h, minutes);
const run = (text: string, userId = ALICE): Promise<string> => runSettled(h, crisis, text, userId);

async function debrief(): Promise<{ markdown: string; png: Buffer }> {
  expect(await run('debrief')).toContain('Building the after-action report');
  const md = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename === `${crisis.channelName}-debrief.md`));
  const png = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename === `${crisis.channelName}-volume.png`));
  expect(png.channelId).toBe(crisis.channelId);
  const bytes = h.emu.fileBytes(png.id);
  if (!bytes) throw new Error('no PNG bytes');
  return { markdown: md.content, png: bytes };
}

it('uploads a real PNG beside the Markdown report, in the same share, and the report names it', async () => {
  at(5);
  await run('impact EU card payments fail for about 12% of checkouts');
  for (const [minutes, count, id] of [[10, 20, 'a'], [20, 22, 'b'], [30, 21, 'c'], [40, 90, 'd'], [50, 70, 'e'], [90, 15, 'f']] as const) {
    at(minutes);
    expect((await postVolume(h, { channel: crisis.channelId, count, source: 'zendesk', id })).status).toBe(200);
  }
  await settle(h);
  at(55);
  await run('assign <@U0DAVE> legal');
  await run('faq add Was I charged twice? | Yes; the duplicate is refunded within 5 days.', BOB);
  await run('faq add Can I cancel? | Not yet answered.', BOB);
  await run('approve F1', DAVE);
  await run('remedy Full refund of the duplicate charge', CAROL);
  await run('status identified');
  at(60);
  await run('impact All EU card payments fail', BOB);
  at(100);
  await run('resolve Gateway certificate renewed');
  at(110);

  const { markdown, png } = await debrief();
  const header = decodePngHeader(png);
  expect(header).toEqual({ width: 1400, height: 700, bitDepth: 8, colorType: expect.any(Number) });
  expect(png.length).toBeGreaterThan(5_000);
  expect(png.length).toBeLessThan(2_000_000);

  // One share for both files, the report first.
  const shares = h.emu.calls('files.completeUploadExternal');
  expect(shares).toHaveLength(1);
  // The emulator decodes the JSON-encoded `files` argument as Slack does.
  const shared = shares[0]?.args.files as Array<{ id: string; title: string }>;
  expect(shared.map((f) => h.emu.files().find((x) => x.id === f.id)?.filename)).toEqual([`${crisis.channelName}-debrief.md`, `${crisis.channelName}-volume.png`]);
  expect(shared[1]?.title).toBe('Complaint volume: Checkout payments failing');

  expect(markdown).toContain('## Impact history');
  expect(markdown).toContain('- 2026-03-02 09:05 — Alice Archer (`/crisis impact`): EU card payments fail for about 12% of checkouts');
  expect(markdown).toContain('- 2026-03-02 10:00 — Bob Baker (`/crisis impact`): All EU card payments fail');
  expect(markdown).toContain('## Complaint volume');
  expect(markdown).toContain('- Samples: 6 from zendesk');
  expect(markdown).toContain('- Peak: 90 (zendesk) at 2026-03-02 09:40');
  expect(markdown).toContain('- At resolution: 15 (zendesk, 2026-03-02 10:30)');
  expect(markdown).toContain(`- Chart: \`${crisis.channelName}-volume.png\`, uploaded with this report`);
  expect(markdown).toContain('## Remedies offered');
  expect(markdown).toContain('- Full refund of the duplicate charge — Carol Chen, 2026-03-02 09:55');
  expect(markdown).toContain('## FAQ for support reps');
  expect(markdown).toContain('- **F1. Was I charged twice?** Yes; the duplicate is refunded within 5 days. _(approved by Dave Diaz, 2026-03-02 09:55)_');
  expect(markdown).toContain('Proposed and never approved: F2 (Can I cancel?)');
});

it('with no volume samples, uploads no chart and says none were recorded', async () => {
  at(30);
  await run('status identified');
  expect(await run('debrief')).toContain('Building the after-action report');
  const md = await h.emu.waitFor(() => h.emu.files().find((f) => f.filename === `${crisis.channelName}-debrief.md`));
  const markdown = md.content;
  expect(h.emu.files().map((f) => f.filename)).toEqual([`${crisis.channelName}-debrief.md`]);
  const shared = h.emu.calls('files.completeUploadExternal')[0]?.args.files as Array<{ id: string }>;
  expect(shared).toHaveLength(1);
  expect(markdown).toContain('**INTERIM');
  expect(markdown).toContain('## Complaint volume\n\nNo volume samples were recorded.\n- Chart: none, as no volume samples were recorded');
  expect(markdown).toContain('## Remedies offered\n\nNone recorded.');
});

it('a failed chart upload posts nothing in the channel, and the next debrief goes through', async () => {
  expect((await postVolume(h, { channel: crisis.channelId, count: 12, source: 'zendesk', id: 'one' })).status).toBe(200);
  await settle(h);
  const posted = h.emu.messages(crisis.channelId).length;
  h.emu.failNext('files.getUploadURLExternal', 'internal_error', 1, (args) => String(args.filename).endsWith('.png'));
  expect(await run('debrief')).toContain('Building');
  await h.emu.waitFor(() => h.emu.responses().some((r) => String(r.body.text ?? '').includes('The debrief could not be posted')));
  expect(h.emu.messages(crisis.channelId)).toHaveLength(posted);
  expect(h.emu.calls('files.completeUploadExternal')).toHaveLength(0);
  const { png } = await debrief();
  expect(decodePngHeader(png).width).toBe(1400);
});
