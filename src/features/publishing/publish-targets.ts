/**
 * What `publish S<n> <where>` names: each comma-separated part is a target the bot delivers to
 * (`status-page`, `statuspage`, `zendesk`, a configured webhook's name) or free text recorded only
 * (`press release`, `status page`). Pure: the configuration says which targets exist.
 */
import type { Audience } from '../../core/playbook';
import type { PublishingConfig } from './publishing-config';

export type Target = 'status-page' | 'statuspage' | 'zendesk' | `webhook:${string}`;

export interface ParsedWhere {
  /** Targets to deliver to, in the order named, each once. */
  targets: Target[];
  /** Known built-in targets named but not configured here (refused: nothing would reach them). */
  unconfigured: Array<'status-page' | 'statuspage' | 'zendesk'>;
  /** Parts recorded only. */
  recorded: string[];
}

const BUILT_IN = ['status-page', 'statuspage', 'zendesk'] as const;

/** The targets this deployment can deliver to, as people type them. */
export function configuredTargets(config: PublishingConfig): Target[] {
  return [
    ...(config.statusPage.enabled ? (['status-page'] as const) : []),
    ...(config.statuspage ? (['statuspage'] as const) : []),
    ...(config.zendesk ? (['zendesk'] as const) : []),
    ...config.webhooks.map((w): Target => `webhook:${w.name}`),
  ];
}

/** `webhook:press` → `press`; built-ins as they are. */
export function targetWord(target: Target): string {
  return target.startsWith('webhook:') ? target.slice('webhook:'.length) : target;
}

/** How the channel names a target. */
export function targetLabel(target: string): string {
  if (target === 'status-page') return 'Status page';
  if (target === 'statuspage') return 'Statuspage';
  if (target === 'zendesk') return 'Zendesk macro';
  return `Webhook ${target.startsWith('webhook:') ? target.slice('webhook:'.length) : target}`;
}

export function parseWhere(where: string, config: PublishingConfig): ParsedWhere {
  const parsed: ParsedWhere = { targets: [], unconfigured: [], recorded: [] };
  const available = new Set<string>(configuredTargets(config));
  for (const part of where.split(',').map((p) => p.trim()).filter(Boolean)) {
    const word = part.toLowerCase();
    const builtIn = BUILT_IN.find((t) => t === word);
    const target: Target | undefined = builtIn ?? (config.webhooks.some((w) => w.name === word) ? `webhook:${word}` : undefined);
    if (target === undefined) parsed.recorded.push(part);
    else if (!available.has(target)) {
      if (builtIn && !parsed.unconfigured.includes(builtIn)) parsed.unconfigured.push(builtIn);
    } else if (!parsed.targets.includes(target)) parsed.targets.push(target);
  }
  return parsed;
}

/** The target a statement for `audience` goes to by default, when it is configured. */
export function defaultTarget(audience: Audience, config: PublishingConfig): Target | undefined {
  const available = configuredTargets(config);
  const wanted: Target | undefined = audience === 'customers' || audience === 'status_page' ? 'status-page' : audience === 'support_macro' ? 'zendesk' : undefined;
  return wanted && available.includes(wanted) ? wanted : undefined;
}

const SETTING: Record<(typeof BUILT_IN)[number], string> = {
  'status-page': 'the status page is off here (CRISIS_STATUS_PAGE=off)',
  statuspage: 'Statuspage is not set up here (STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID)',
  zendesk: 'Zendesk is not set up here (ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN)',
};

export function unconfiguredText(targets: ParsedWhere['unconfigured']): string {
  return targets.map((t) => SETTING[t]).join('; ');
}
