/** The shipped playbooks (playbooks/), loaded once per test file, for tests that build services by hand. */
import type { PlaybookCatalog } from '../../src/core/playbook';
import { loadPlaybooks } from '../../src/playbooks/load-playbooks';

let shipped: PlaybookCatalog | undefined;

export function shippedPlaybooks(): PlaybookCatalog {
  shipped ??= loadPlaybooks();
  return shipped;
}
