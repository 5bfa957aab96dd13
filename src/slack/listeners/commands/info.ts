/** The answer to a `/crisis` text the grammar could not read, in the ack. */
import { errorMarkup } from '../../views/replies';
import type { CommandArgs } from './command-args';

export async function unknownInput({ ack }: Pick<CommandArgs, 'ack'>, message: string): Promise<void> {
  const reply = errorMarkup(message);
  await ack({ response_type: 'ephemeral', text: reply.text, blocks: reply.blocks });
}
