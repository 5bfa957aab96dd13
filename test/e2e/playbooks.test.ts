/**
 * Issue 10, declaring by type end to end: the type's default severity and its typed checklists,
 * the colon rule (an unknown type is refused with the list of types and nothing is made; a title
 * that starts with "Word:" names its type first), the declare modal's type picker fed from the
 * playbooks, a team's own CRISIS_PLAYBOOKS_DIR replacing the shipped set, and a broken playbook
 * stopping `npm start` with the file and the field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ALICE, GENERAL, SIGNING_SECRET, tempDbFile, type Harness } from '../helpers/harness';
import { startEmulator } from './helpers/bot-setup';
import { ackText, crisisCommand, declareQuick, DAY, readable, rowCounts, startAt } from './helpers/declare-helpers';
import { spawnEntryPoint } from './helpers/entry-point';
import { card, textOf } from './updates-helpers';
import { BOT_TOKEN } from '../helpers/harness';

let h: Harness | undefined;
const dirs: string[] = [];

afterEach(async () => {
  if (h) {
    await h.close();
    fs.rmSync(path.dirname(h.dbFile), { recursive: true, force: true });
    h = undefined;
  }
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-team-plan-'));
  dirs.push(dir);
  return dir;
}

describe('declare by type', () => {
  beforeEach(async () => {
    h = await startAt();
  });

  it('`declare sev3 shipping: …` takes the type and the given severity; without one the type\'s default applies', async () => {
    const harness = h as Harness;
    const { crisis } = await declareQuick(harness, 'sev3 shipping: DHL strike delays EU orders');
    expect(crisis).toMatchObject({ type: 'shipping', severity: 'sev3', title: 'DHL strike delays EU orders', channelName: `crisis-${DAY}-dhl-strike-delays-eu-orders` });
    const recall = (await declareQuick(harness, 'recall: Kettle K2 overheating')).crisis;
    expect(recall).toMatchObject({ type: 'recall', severity: 'sev1' });
    expect(textOf(card(harness, recall))).toContain('*Type*\nProduct recall');
    // Without a type: `other`, sev2, the general checklists, no clock.
    const other = (await declareQuick(harness, 'Checkout payments failing')).crisis;
    expect(other).toMatchObject({ type: 'other', severity: 'sev2' });
    expect(harness.bot.store.deadlines.list(other.id)).toEqual([]);
    expect(textOf(card(harness, other))).not.toContain('Next deadline');
  });

  it('refuses an unknown type at once, saying which types exist and how to title with a colon; nothing is made', async () => {
    const harness = h as Harness;
    const before = harness.emu.calls().length;
    for (const text of ['declare meteor: Rock incoming', 'declare sev1 Checkout: payments failing', 'drill brech: Data leak']) {
      const ack = await crisisCommand(harness, ALICE, GENERAL, text);
      const said = ackText(ack);
      expect(said).toMatch(/`(meteor|checkout|brech)` is not a crisis type\. Types: `breach` \(Data breach\), `outage` \(Service outage\), `pr` \(Complaint storm or bad press\), `recall` \(Product recall\), `shipping` \(Shipping delay\), `other` \(Other\)\./);
      expect(said).toContain('`/crisis declare other: Checkout: payments failing`');
      expect(said).toContain('Nothing was declared.');
    }
    expect(harness.emu.calls().slice(before)).toEqual([]);
    expect(rowCounts(harness)).toMatchObject({ crises: 0, timeline_events: 0 });
  });

  it('a title that starts with "Word:" names its type first', async () => {
    const { crisis } = await declareQuick(h as Harness, 'other: Checkout: payments failing');
    expect(crisis).toMatchObject({ type: 'other', title: 'Checkout: payments failing', channelName: `crisis-${DAY}-checkout-payments-failing` });
  });

  it('the declare modal\'s type picker is fed from the playbooks, `other` first chosen, severity left to the type', async () => {
    const harness = h as Harness;
    await crisisCommand(harness, ALICE, GENERAL, 'declare');
    const view = await harness.emu.waitFor(() => harness.emu.views().find((v) => v.payload.callback_id === 'declare_modal'));
    const blocks = view.payload.blocks as Array<{ block_id?: string; optional?: boolean; element?: { options?: Array<{ value: string; text: { text: string } }>; initial_option?: { value: string } } }>;
    const type = blocks.find((b) => b.block_id === 'type');
    expect(type?.element?.options?.map((o) => `${o.value}:${o.text.text}`)).toEqual([
      'breach:Data breach (private)',
      'outage:Service outage',
      'pr:Complaint storm or bad press',
      'recall:Product recall',
      'shipping:Shipping delay',
      'other:Other',
    ]);
    expect(type?.element?.initial_option?.value).toBe('other');
    const severity = blocks.find((b) => b.block_id === 'severity');
    expect(severity?.optional).toBe(true);
    expect(severity?.element?.initial_option).toBeUndefined();

    // A breach picked in the modal is private, and its "Declaring…" screen does not repeat the title.
    await harness.driver.submitView({ userId: ALICE, viewId: view.id, values: { title: 'Card numbers in logs', type: 'breach' } });
    const crisis = await harness.emu.waitFor(() => harness.bot.store.crises.listOpen()[0]);
    expect(crisis).toMatchObject({ type: 'breach', severity: 'sev1', isPrivate: true, channelName: `crisis-${DAY}-private` });
    await harness.emu.waitFor(() => harness.emu.calls('views.update').length > 0);
    for (const call of harness.emu.calls('views.update')) expect(readable(call.args.view)).not.toContain('Card numbers in logs');
  });
});

describe('a team\'s own playbooks folder', () => {
  it('replaces the shipped set: its own types, checklists and clocks; the shipped types are unknown', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'label: Anything else\ndefault_severity: sev3\n');
    fs.writeFileSync(
      path.join(dir, 'flood.yaml'),
      ['label: Warehouse flood', 'default_severity: sev2', 'checklists:', '  lead: [Get everyone out safely, Call the insurer]', 'deadlines:', '  - { id: insurer, label: Tell the insurer, due_after: 2d, remind_before: [1d] }'].join('\n'),
    );
    h = await startAt({ env: { CRISIS_PLAYBOOKS_DIR: dir } });
    const { crisis } = await declareQuick(h, 'flood: Leipzig warehouse under water');
    expect(crisis).toMatchObject({ type: 'flood', severity: 'sev2' });
    expect(readable(h.emu.dmsTo(ALICE)[0])).toContain('Get everyone out safely');
    expect(h.bot.store.deadlines.list(crisis.id).map((c) => c.clockId)).toEqual(['insurer']);
    const refused = ackText(await crisisCommand(h, ALICE, GENERAL, 'declare recall: Kettle'));
    expect(refused).toContain('`recall` is not a crisis type. Types: `flood` (Warehouse flood), `other` (Anything else).');
    expect((await declareQuick(h, 'Something odd')).crisis).toMatchObject({ type: 'other', severity: 'sev3' });
  });

  it('a broken file stops `npm start`, naming the file, the field and what is expected', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'label: Other\ndefault_severity: sev2\n');
    fs.writeFileSync(path.join(dir, 'recall.yaml'), 'label: Recall\ndefault_severity: urgent\ndeadlines:\n  - { id: cpsc, label: Report, due_after: 24 hours }\n');
    const emu = await startEmulator();
    const dbDir = path.dirname(tempDbFile());
    dirs.push(dbDir);
    try {
      const child = spawnEntryPoint({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        PORT: '0',
        DATABASE_PATH: path.join(dbDir, 'crisis.db'),
        SLACK_API_URL: emu.apiUrl,
        CRISIS_PLAYBOOKS_DIR: dir,
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toBe(
        `The playbooks in ${dir} are not valid:\n` +
          '  - recall.yaml: default_severity: expected one of sev1, sev2, sev3, sev4\n' +
          '  - recall.yaml: deadlines[0].due_after: expected a duration such as 30m, 24h or 3d (got "24 hours")\n',
      );
      // It stopped before opening anything: no database, no call to Slack.
      expect(fs.existsSync(path.join(dbDir, 'crisis.db'))).toBe(false);
      expect(emu.calls()).toEqual([]);
    } finally {
      await emu.stop();
    }
  });
});
