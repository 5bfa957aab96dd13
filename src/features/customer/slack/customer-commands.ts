/** `/crisis impact`, `volume`, `remedy`, `faq`, `faq add` and `approve F<n>`. */
import { buildFaqReply } from './faq-message';
import { okReply } from '../../../slack/views/replies';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext, channelCommand } from '../../../slack/listeners/commands/command-args';
import { respondEphemeral } from '../../../slack/listeners/reply';
import type { CustomerCommand } from './customer-grammar';

export const impact = channelCommand('impact', ({ command, body, deps }, crisis) =>
  deps.services.customer.impact.setImpact(crisis, body.user_id, command.text, 'command'),
);

export const volume = channelCommand('volume', ({ command, body, deps }, crisis) =>
  deps.services.customer.volume.recordManual(crisis, body.user_id, command.count, command.source),
);

export const remedy = channelCommand('remedy', ({ command, body, deps }, crisis) =>
  deps.services.customer.remedies.add(crisis, body.user_id, command.text),
);

/** Answered in the ack from the database; a first use that started the FAQ then posts it. */
export async function faqShow({ body, ack, respond, deps, crisis: given }: CommandArgs<'faq_show'>): Promise<void> {
  const crisis = given ?? deps.services.crisisInChannel(body.channel_id);
  const { document, publish } = deps.services.customer.faq.open(crisis);
  const reply = buildFaqReply(deps.services.snapshot(crisis), document);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  if (!publish) return;
  const warnings = await publish();
  if (warnings.length) {
    await respondEphemeral(respond, okReply('The FAQ was started from the playbook.', warnings)).catch((err: unknown) => deps.logger.warn('could not reply', { ...logContext(body, 'faq_show'), error: err }));
  }
}

export const faqAdd = channelCommand('faq_add', ({ command, body, deps }, crisis) =>
  deps.services.customer.faq.propose(crisis, body.user_id, command.question, command.answer),
);

export const approveFaq = channelCommand('approve_faq', ({ command, body, deps }, crisis) =>
  deps.services.customer.faq.approve(crisis, body.user_id, command.number),
);

export const CUSTOMER_HANDLERS: HandlerTable<CustomerCommand['kind']> = {
  impact,
  volume,
  remedy,
  faq_show: faqShow,
  faq_add: faqAdd,
  approve_faq: approveFaq,
};
