/** Reading a `/crisis …` parse in unit tests: the command it became, or the refusal's words. */
import { parseCommand, type CrisisCommand } from '../../src/slack/commands/parse-command';

/** The command `text` parses to; throws (failing the test) when it is refused. */
export function parsedCommand(text: string): CrisisCommand {
  const parsed = parseCommand(text);
  if (!parsed.ok) throw new Error(`refused: ${parsed.message}`);
  return parsed.command;
}

/** The refusal `text` gets; throws (failing the test) when it is accepted. */
export function parseRefusal(text: string): string {
  const parsed = parseCommand(text);
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(parsed.command)}`);
  return parsed.message;
}
