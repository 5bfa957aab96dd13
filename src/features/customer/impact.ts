/**
 * The customer impact of a crisis: who is affected, how, and how many. It changes as the picture
 * clears, so every version is kept with who set it and when. Pure.
 */
import { CrisisError } from '../../core/errors';
import { MAX_IMPACT_LENGTH } from '../../core/crisis';

/** As at declaration (the declare modal's field has the same limit). */
export { MAX_IMPACT_LENGTH };

export type ImpactVia = 'declared' | 'command' | 'modal';

export interface ImpactVersion {
  id: number;
  crisisId: number;
  impact: string;
  changedBy: string;
  changedAt: string;
  via: ImpactVia;
}

/** The impact as it will be stored, or a CrisisError saying what is accepted. */
export function validateImpact(text: string, field?: string): string {
  const impact = text.trim();
  if (impact.length === 0) {
    throw new CrisisError('bad_input', 'The impact cannot be empty: say who is affected and how, e.g. `/crisis impact EU card payments fail for about 12% of checkouts`.', field);
  }
  if (impact.length > MAX_IMPACT_LENGTH) {
    throw new CrisisError('bad_input', `The impact is ${impact.length} characters; keep it to ${MAX_IMPACT_LENGTH} or fewer.`, field);
  }
  return impact;
}
