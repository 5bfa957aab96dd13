/**
 * Remedies: what affected customers are offered (a refund, a credit, a replacement), so every
 * support rep gives the same. Listed on the card, in the FAQ message and in the debrief. Pure.
 */
import { CrisisError } from '../../core/errors';

/** Short enough that a dozen fit the card and the FAQ message. */
export const MAX_REMEDY_LENGTH = 500;

export interface Remedy {
  id: number;
  crisisId: number;
  text: string;
  addedBy: string;
  addedAt: string;
}

export function validateRemedy(text: string): string {
  const remedy = text.trim();
  if (remedy.length === 0) {
    throw new CrisisError('bad_input', 'A remedy cannot be empty, e.g. `/crisis remedy Full refund of the duplicate charge within 5 days`.');
  }
  if (remedy.length > MAX_REMEDY_LENGTH) {
    throw new CrisisError('bad_input', `That remedy is ${remedy.length} characters; keep it to ${MAX_REMEDY_LENGTH} or fewer.`);
  }
  return remedy;
}
