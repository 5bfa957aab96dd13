/** `/crisis impact`, `volume`, `remedy`, `faq`, `faq add` and `approve F<n>`. */
import { buildFaqReply } from './faq-message';
import { okReply } from '../../../slack/views/replies';
import type { CommandArgs, HandlerTable } from '../../../slack/listeners/commands/command-args';
import { logContext } from '../../../slack/listeners/commands/command-args';
import { respondEphemeral, respondWith } from '../../../slack/listeners/reply';
import type { CustomerCommand } from './customer-grammar';

export async function impact({ command, body, ack, respond, deps }: CommandArgs<'impact'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'impact'), () => deps.services.customer.impact.setImpact(crisis, body.user_id, command.text, 'command'));
}

export async function volume({ command, body, ack, respond, deps }: CommandArgs<'volume'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'volume'), () => deps.services.customer.volume.recordManual(crisis, body.user_id, command.count, command.source));
}

export async function remedy({ command, body, ack, respond, deps }: CommandArgs<'remedy'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'remedy'), () => deps.services.customer.remedies.add(crisis, body.user_id, command.text));
}

/** Answered in the ack from the database; a first use that started the FAQ then posts it. */
export async function faqShow({ body, ack, respond, deps }: CommandArgs<'faq_show'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  const { document, publish } = deps.services.customer.faq.open(crisis);
  const reply = buildFaqReply(deps.services.snapshot(crisis), document);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
  if (!publish) return;
  const warnings = await publish();
  if (warnings.length) {
    await respondEphemeral(respond, okReply('The FAQ was started from the playbook.', warnings)).catch((err: unknown) => deps.logger.warn('could not reply', { ...logContext(body, 'faq_show'), error: err }));
  }
}

export async function faqAdd({ command, body, ack, respond, deps }: CommandArgs<'faq_add'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'faq_add'), () => deps.services.customer.faq.propose(crisis, body.user_id, command.question, command.answer));
}

export async function approveFaq({ command, body, ack, respond, deps }: CommandArgs<'approve_faq'>): Promise<void> {
  const crisis = deps.services.crisisInChannel(body.channel_id);
  await ack();
  await respondWith(respond, deps, logContext(body, 'approve_faq'), () => deps.services.customer.faq.approve(crisis, body.user_id, command.number));
}

export const CUSTOMER_HANDLERS: HandlerTable<CustomerCommand['kind']> = {
  impact,
  volume,
  remedy,
  faq_show: faqShow,
  faq_add: faqAdd,
  approve_faq: approveFaq,
};
