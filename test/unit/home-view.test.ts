/**
 * The personal App Home, built from what is stored (in-memory SQLite), statements included: its sections for a lead, a legal holder and a bystander; private crises named only
 * "private crisis" to people who are not its people; every section capped, the view within
 * Slack's limits whatever the numbers.
 */
import type { AnyBlock, SectionBlock } from '@slack/types';
import type { Crisis } from '../../src/core/crisis';
import { checkView } from '../../src/emulator/block-limits';
import { buildHomeView } from '../../src/features/people/slack/home';
import { FakePeopleNotifier } from '../helpers/people-fakes';
import { LEAD, MEMBER, startServicesOn, type Fixture } from './services-fixture';
import type { Db } from '../../src/store/database';
import type { PostgresSyncDatabase } from '../../src/store/sql/postgres-sync';
import { sqlEngines } from '../helpers/postgres';
import { useTestStore } from '../helpers/test-store';

const LEGAL = 'U0LEGAL';
const BYSTANDER = 'U0BYSTANDER';
const NOW = new Date('2026-11-26T10:00:00.000Z');
let f: Fixture<Db | PostgresSyncDatabase>;
let open: Crisis;
let secret: Crisis;

function texts(blocks: readonly AnyBlock[]): string {
  return JSON.stringify(blocks);
}

function home(userId: string): { blocks: AnyBlock[]; text: string } {
  const view = buildHomeView(f.services.home.forUser(userId), 'UTC', NOW);
  expect(checkView(view)).toEqual([]);
  return { blocks: view.blocks, text: texts(view.blocks) };
}

describe.each(sqlEngines())('on %s', (engine) => {
  const testStore = useTestStore(engine);
  beforeEach(async () => {
    f = startServicesOn(testStore());
    f.services.deps.people = { notifier: new FakePeopleNotifier() };
    open = await f.declare('Checkout down');
    secret = (await f.services.declare.declare({ teamId: 'T1', userId: LEAD, title: 'Secret Acme breach', severity: 'sev1', isPrivate: true })).crisis;
    await f.services.roles.assign(open, LEAD, LEGAL, 'legal');
    await f.services.roles.assign(secret, LEAD, LEGAL, 'legal');
    await f.services.roles.assign(open, LEAD, MEMBER, 'spokesperson');
    await f.services.timeline.addAction(secret, LEAD, 'Call the regulator back', BYSTANDER);
    await f.services.timeline.addAction(open, LEAD, 'Write the FAQ', LEGAL);
    // A draft waiting for legal in the private crisis; a published statement in the open one whose
    // promise (85 minutes after publishing at START: 10:25) the spokesperson owes.
    await f.services.statements.draft(secret, MEMBER, { text: 'We are investigating a security incident' });
    await f.services.statements.draft(open, MEMBER, { text: 'Checkout is failing for some customers.', nextMinutes: 85 });
    await f.services.statementReview.approve(open, LEGAL, 1);
    await f.services.statementReview.publish(open, MEMBER, 1, 'status page');
  });

  it('a lead sees both roles with checklist progress, tickable, and the Declare button', () => {
    const { blocks, text } = home(LEAD);
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Crisis response' } });
    expect(blocks[1]).toMatchObject({ accessory: { type: 'button', action_id: 'home_declare', text: { text: 'Declare a crisis' } } });
    expect(text).toContain('*Your roles* (2)');
    const checklists = blocks.filter((b): b is SectionBlock => b.type === 'section' && /^checklist_\d+$/.test(b.block_id ?? ''));
    expect(checklists).toHaveLength(2);
    expect(checklists[0]?.text?.text).toContain(`*Crisis lead* in <#${open.channelId}> *Checkout down*`);
    expect(checklists[0]?.text?.text).toContain('checklist 0/');
    // Their own private crisis: they lead it, so its title shows to them.
    expect(checklists[1]?.text?.text).toContain('*Secret Acme breach*');
    expect(checklists[0]?.accessory).toMatchObject({ type: 'checkboxes', action_id: 'checklist_toggle' });
    expect(text).toContain('*Drafts waiting for your approval*\\n_None._');
    expect(text).toContain('*Promises you owe*\\n_None._');
    expect(text).toContain('*Your open follow-up actions* (0)');
  });

  it('the legal holder sees the draft waiting for them and their action with Mark done; ticks show as progress', () => {
    const [legalHolding] = f.store.roles.active(open.id).filter((a) => a.userId === LEGAL);
    f.services.checklists.tick(legalHolding?.id ?? 0, LEGAL, [0, 1]);
    const { blocks, text } = home(LEGAL);
    expect(text).toContain('*Your roles* (2)');
    expect(text).toContain('*Legal* in');
    expect(text).toMatch(/checklist 2\/\d+ done/);
    expect(text).toContain(`*Drafts waiting for your approval* (1)\\n• *S1* in <#${secret.channelId}> *Secret Acme breach* by <@${MEMBER}>: “We are investigating a security incident” — \`/crisis approve S1\` in the channel`);
    const action = blocks.find((b): b is SectionBlock => b.type === 'section' && (b.block_id ?? '').startsWith('home_action_'));
    expect(action?.text?.text).toContain('Write the FAQ');
    expect(action?.accessory).toMatchObject({ type: 'button', action_id: 'action_toggle', value: expect.stringMatching(/^\d+:done$/), text: { text: 'Mark done' } });
  });

  it('the spokesperson sees the promise they owe with its due time', () => {
    const { text } = home(MEMBER);
    expect(text).toContain(`*Promises you owe* (1)\\n• next statement after *S1* in <#${open.channelId}> *Checkout down*: due 10:25 UTC (in 25 min)`);
  });

  it('a bystander with an action in a private crisis sees neither its title nor its channel; the open crises list shows it as private', () => {
    const { text } = home(BYSTANDER);
    expect(text).toContain('*Your roles* (0)');
    expect(text).toContain('You hold no role in an open crisis.');
    expect(text).toContain('Call the regulator back');
    expect(text).toContain(':lock: _private crisis_');
    expect(text).toContain('*Open crises: 2*');
    expect(text).toContain(`:lock: _private crisis_ · sev1 · lead <@${LEAD}>`);
    expect(text).toContain('*Checkout down*');
    expect(text).not.toContain('Secret Acme');
    expect(text).not.toContain(secret.channelId);
  });

  it('caps every section with "and N more", and stays within 100 blocks however much there is', async () => {
    for (let i = 0; i < 14; i += 1) {
      const c = await f.declare(`Crisis ${i}`);
      await f.services.timeline.addAction(c, LEAD, `Action ${i}`, LEAD);
    }
    for (let i = 0; i < 29; i += 1) await f.services.statements.draft(open, MEMBER, { text: 'x'.repeat(500) });
    const lead = home(LEAD);
    expect(lead.blocks.length).toBeLessThanOrEqual(100);
    expect(lead.text).toContain('*Your roles* (16)');
    expect(lead.text).toContain('…and 6 more roles.');
    expect(lead.text).toContain('*Your open follow-up actions* (14)');
    expect(lead.text).toContain('…and 4 more actions.');
    expect(lead.text).toContain('*Open crises: 16*');
    expect(lead.text).toContain('Showing the 15 oldest of 16.');
    const legal = home(LEGAL);
    expect(legal.text).toContain('*Drafts waiting for your approval* (30)');
    expect(legal.text).toContain('…and 20 more not shown.');
  });

  it('a resolved crisis leaves the roles section but its open actions stay, marked resolved', async () => {
    await f.services.resolve.resolve(open, LEAD, 'Fixed');
    const { text } = home(LEGAL);
    expect(text).toContain('*Your roles* (1)');
    expect(text).toContain('Write the FAQ');
    expect(text).toContain(' · resolved');
  });
});
