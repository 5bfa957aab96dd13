/**
 * `[private] [sevN] [<type>:] <title>`: what `declare` and `drill` share. The parser is pure and
 * does not know the playbooks, so the type is read by its shape: a first word ending in a colon
 * ("breach: Customer data exposed") is the type, whatever it says. A typo ("brech:") is then
 * refused with the list of types instead of silently declaring a public crisis titled "brech: …";
 * a title that itself starts with "Word:" names its type first ("other: Checkout: payments failing").
 */
import { z } from 'zod';
import { characterCount, INVISIBLE_TITLE, isSeverity, MAX_TITLE_LENGTH, SEVERITIES, type Severity } from '../../../core/crisis';
import { cutText, hasVisibleCharacter } from '../../../core/text';
import { unescapeSlack } from '../../../slack/views/blocks';
import { fail, shown, type Parsed } from '../../../slack/commands/grammar';

export const declarationFields = {
  /** Unset: the type's default severity. */
  severity: z.enum(SEVERITIES).optional(),
  isPrivate: z.boolean(),
  /** As typed, lower-cased; checked against the playbooks by the service. */
  type: z.string().min(1).max(40).optional(),
  title: z.string().min(1).refine((t) => characterCount(t) <= MAX_TITLE_LENGTH),
};

export interface Declaration {
  severity?: Severity;
  isPrivate: boolean;
  type?: string;
  title: string;
}

/** A first word that ends in a colon: the type. */
const TYPE_WORD = /^(\S+):$/;

export function parseDeclaration(rest: string, verb: 'declare' | 'drill'): Parsed<Declaration> {
  const words = rest.split(' ').filter((w) => w.length > 0);
  let severity: Severity | undefined;
  let isPrivate = false;
  // Options come first, in any order, each once; the first word that is neither starts the title.
  for (;;) {
    const word = (words[0] ?? '').toLowerCase();
    if (!isPrivate && word === 'private') {
      isPrivate = true;
    } else if (severity === undefined && isSeverity(word)) {
      severity = word;
    } else if (severity === undefined && /^sev\d+$/.test(word)) {
      return fail(`${shown(words[0] ?? '')} is not a severity. Use sev1 (critical), sev2 (high), sev3 (medium) or sev4 (low).`);
    } else {
      break;
    }
    words.shift();
  }
  let type: string | undefined;
  const typeWord = TYPE_WORD.exec(words[0] ?? '');
  if (typeWord?.[1]) {
    type = cutText(unescapeSlack(typeWord[1]).toLowerCase(), 40, '');
    words.shift();
  }
  // Counted and kept as typed: Slack sent `&`, `<` and `>` escaped.
  const title = unescapeSlack(words.join(' ')).trim();
  const example = verb === 'drill' ? '/crisis drill sev2 recall: Kettle K2 overheating' : '/crisis declare sev1 Checkout payments failing';
  if (title.length === 0) return fail(`A crisis needs a title${type ? ' after its type' : ''}, e.g. \`${example}\`.`);
  if (!hasVisibleCharacter(title)) return fail(INVISIBLE_TITLE);
  if (characterCount(title) > MAX_TITLE_LENGTH) {
    return fail(`That title is ${characterCount(title)} characters; keep it to ${MAX_TITLE_LENGTH} or fewer.`);
  }
  return { ok: true, command: { isPrivate, title, ...(severity ? { severity } : {}), ...(type ? { type } : {}) } };
}
