/**
 * The help desks the bot hears from, each at `POST /hooks/helpdesk/<name>` with its own secret
 * (`CRISIS_HELPDESK_<NAME>_SECRET`) and its own way of proving a request is its own.
 */
export const HELPDESKS = ['zendesk', 'intercom', 'freshdesk', 'gorgias'] as const;
export type Helpdesk = (typeof HELPDESKS)[number];

export const HELPDESK_LABELS: Record<Helpdesk, string> = {
  zendesk: 'Zendesk',
  intercom: 'Intercom',
  freshdesk: 'Freshdesk',
  gorgias: 'Gorgias',
};

/** How each proves a request: its own signature, or (for those that cannot sign) a secret header the admin adds. */
export const HELPDESK_AUTH: Record<Helpdesk, 'zendesk_signature' | 'intercom_signature' | 'token_header'> = {
  zendesk: 'zendesk_signature',
  intercom: 'intercom_signature',
  freshdesk: 'token_header',
  gorgias: 'token_header',
};

export function isHelpdesk(name: string): name is Helpdesk {
  return (HELPDESKS as readonly string[]).includes(name);
}

export function helpdeskPath(desk: Helpdesk): string {
  return `/hooks/helpdesk/${desk}`;
}

/** The environment variable holding a desk's secret; unset, its endpoint answers 404. */
export function helpdeskSecretVariable(desk: Helpdesk): string {
  return `CRISIS_HELPDESK_${desk.toUpperCase()}_SECRET`;
}
