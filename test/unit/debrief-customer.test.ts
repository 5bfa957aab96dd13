/** The debrief's customer sections, pure: impact history (the declaration's first), volume figures while open and at resolution, remedies, the final FAQ. */
import { buildCustomerDebrief, impactHistory, renderCustomerMarkdown, type MarkdownHelpers } from '../../src/features/customer/debrief-customer';
import type { Crisis } from '../../src/core/crisis';
import type { FaqEntry } from '../../src/features/customer/faq';

const crisis: Crisis = {
  id: 1, teamId: 'T1', channelId: 'C1', channelName: 'crisis-x', title: 'X', type: 'other', severity: 'sev2', status: 'investigating',
  customerImpact: 'Some customers', declaredBy: 'U0LEAD', declaredAt: '2026-03-02T09:00:00.000Z', resolvedAt: null, resolutionSummary: null,
  cardTs: null, announceChannelId: null, announceTs: null,
  isPrivate: false,
  isDrill: false,
};

const helpers: MarkdownHelpers = { at: (iso) => iso.slice(11, 16), who: (id) => id.toLowerCase(), inItem: (t) => t, interim: true };

function faq(number: number, state: FaqEntry['state'], origin: FaqEntry['origin'] = 'proposed'): FaqEntry {
  return { id: number, crisisId: 1, number, question: `Q${number}?`, answer: `A${number}.`, origin, state, proposedBy: origin === 'playbook' ? null : 'U0BOB', proposedAt: '2026-03-02T09:10:00.000Z', approvedBy: state === 'approved' && origin !== 'playbook' ? 'U0LEGAL' : null, approvedAt: state === 'approved' ? '2026-03-02T09:20:00.000Z' : null, proposalChannelId: null, proposalTs: null };
}

it('impact history: the declaration\'s impact alone until it is first changed; nothing when there was none', () => {
  expect(impactHistory(crisis, [])).toEqual([{ impact: 'Some customers', changedBy: 'U0LEAD', changedAt: crisis.declaredAt, via: 'declared' }]);
  expect(impactHistory({ ...crisis, customerImpact: ' ' }, [])).toEqual([]);
});

it('renders every section; while open, the latest figure instead of the one at resolution', () => {
  const c = buildCustomerDebrief(crisis, {
    impactVersions: [],
    samples: [
      { id: 1, crisisId: 1, count: 40, source: 'zendesk', sampledAt: '2026-03-02T09:30:00.000Z', recordedAt: '', recordedBy: null, externalId: null },
      { id: 2, crisisId: 1, count: 12, source: 'zendesk', sampledAt: '2026-03-02T09:45:00.000Z', recordedAt: '', recordedBy: null, externalId: null },
    ],
    remedies: [{ id: 1, crisisId: 1, text: 'Refund', addedBy: 'U0CAROL', addedAt: '2026-03-02T09:40:00.000Z' }],
    faq: [faq(1, 'approved', 'playbook'), faq(2, 'approved'), faq(3, 'proposed')],
    chartFileName: null,
  });
  const md = renderCustomerMarkdown(c, helpers).join('\n');
  expect(md).toContain('## Impact history\n\n- 09:00 — u0lead (at declaration): Some customers');
  expect(md).toContain('- Peak: 40 (zendesk) at 09:30');
  expect(md).toContain('- Latest: 12 (zendesk) at 09:45; not resolved yet');
  expect(md).not.toContain('At resolution');
  expect(md).toContain('- Chart: not available');
  expect(md).toContain('- Refund — u0carol, 09:40');
  expect(md).toContain('- **F1. Q1?** A1. _(from the playbook)_');
  expect(md).toContain('- **F2. Q2?** A2. _(approved by u0legal, 09:20)_');
  expect(md).toContain('Proposed and never approved: F3 (Q3?)');
});

it('resolved with no sample before the resolution says so', () => {
  const resolved = { ...crisis, status: 'resolved' as const, resolvedAt: '2026-03-02T09:10:00.000Z' };
  const c = buildCustomerDebrief(resolved, {
    impactVersions: [],
    samples: [{ id: 1, crisisId: 1, count: 4, source: 'manual', sampledAt: '2026-03-02T09:30:00.000Z', recordedAt: '', recordedBy: 'U1', externalId: null }],
    remedies: [],
    faq: [],
    chartFileName: 'crisis-x-volume.png',
  });
  const md = renderCustomerMarkdown(c, { ...helpers, interim: false }).join('\n');
  expect(md).toContain('- At resolution: no sample before the resolution');
  expect(md).toContain('## Remedies offered\n\nNone recorded.');
  expect(md).toContain('## FAQ for support reps\n\nNone recorded.');
});
