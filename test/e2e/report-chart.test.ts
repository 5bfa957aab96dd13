/**
 * `/crisis report` with the bot's own chart renderer (no fake): the PNG in the person's DM is a real
 * picture of a sane size, drawn by the same renderer as the debrief's volume chart.
 */
import { ALICE, DAVE, GENERAL, type Harness } from '../helpers/harness';
import { decodePngHeader } from '../helpers/png';
import { commandWithReply, declareQuick, startAt } from './helpers/declare-helpers';

let h: Harness;

beforeEach(async () => {
  h = await startAt();
});
afterEach(async () => {
  await h.close();
});

it('uploads a real PNG of crises per week by severity beside the Markdown report', async () => {
  await declareQuick(h, 'sev1 Checkout payments failing', ALICE);
  await declareQuick(h, 'sev3 Search slow', ALICE);
  await commandWithReply(h, DAVE, GENERAL, 'report 30d');
  await h.emu.waitFor(() => h.emu.calls('files.completeUploadExternal')[0]);
  const png = [...h.emu.state.files.values()].find((f) => f.completed && f.filename.endsWith('.png'));
  if (!png?.content) throw new Error('no PNG was uploaded with the report');
  const header = decodePngHeader(png.content);
  expect(header.width).toBeGreaterThanOrEqual(600);
  expect(header.width).toBeLessThanOrEqual(2000);
  expect(header.height).toBeGreaterThanOrEqual(300);
  expect(header.height).toBeLessThanOrEqual(1200);
  expect(png.content.length).toBeGreaterThan(2000);
});
