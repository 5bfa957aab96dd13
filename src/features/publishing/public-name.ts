/**
 * A crisis's public name: what customers read on the status page, on Statuspage, in the Zendesk
 * macro's title and in webhooks. The newest set with `/crisis public-name`, else the playbook's
 * `public_name`; never the internal title, which may name a supplier, a customer or a suspicion.
 */
import type { Crisis } from '../../core/crisis';
import type { ServiceDeps } from '../../core/deps';
import { CrisisError } from '../../core/errors';

export const MAX_PUBLIC_NAME_LENGTH = 80;

export function publicNameOf(deps: Pick<ServiceDeps, 'store' | 'playbooks'>, crisis: Pick<Crisis, 'id' | 'type'>): string {
  return deps.store.publishing.publicName(crisis.id) ?? deps.playbooks.publicName(crisis.type);
}

/** The name as it will be stored, or the refusal saying what to type. */
export function checkPublicName(text: string, crisis: Pick<Crisis, 'title'>): string {
  const name = text.replace(/\s+/g, ' ').trim();
  if (!name) throw new CrisisError('bad_input', 'Give the name customers should see, e.g. `/crisis public-name Payment problems`. Nothing changed.');
  if (Array.from(name).length > MAX_PUBLIC_NAME_LENGTH) {
    throw new CrisisError('bad_input', `A public name is at most ${MAX_PUBLIC_NAME_LENGTH} characters (that one is ${Array.from(name).length}). Nothing changed.`);
  }
  if (name.toLowerCase() === crisis.title.trim().replace(/\s+/g, ' ').toLowerCase()) {
    throw new CrisisError('bad_input', 'That is the internal title, which customers never see. Give the name they should read, e.g. `/crisis public-name Payment problems`. Nothing changed.');
  }
  return name;
}
