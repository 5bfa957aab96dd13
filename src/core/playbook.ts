/**
 * Playbooks: the plan a team wrote in calm times, one per crisis type. A playbook names the type,
 * its default severity, whether its channels are private, whether every statement needs legal, a
 * checklist per role, statement templates, deadline clocks and FAQ entries to start from. The general plan (general.yaml) holds
 * what applies to every type: its templates and FAQ are offered beside the type's, and its
 * checklists are used for the roles a type leaves out. Pure data and lookups; the files are read
 * and checked by src/playbooks/load-playbooks.ts.
 */
import { CrisisError } from './errors';
import { ROLE_CHECKLISTS, type Role } from './roles';
import type { Severity } from './crisis';
import { cutGraphemes } from './text';

/** Who a statement template speaks to. */
export const AUDIENCES = ['customers', 'support_macro', 'social', 'status_page', 'employees', 'press'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const AUDIENCE_LABELS: Record<Audience, string> = {
  customers: 'Customers',
  support_macro: 'Support macro',
  social: 'Social media',
  status_page: 'Status page',
  employees: 'Employees',
  press: 'Press',
};

/** The placeholders a template may use, filled when a statement is drafted from it. */
export const TEMPLATE_PLACEHOLDERS = ['title', 'status', 'impact', 'next_update'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** The type used when none is given; every playbooks folder must have it. */
export const DEFAULT_TYPE = 'other';
/** The file of the general plan: not a crisis type. */
export const GENERAL_PLAN = 'general';

export interface StatementTemplate {
  id: string;
  audience: Audience;
  /** With `{title}`, `{status}`, `{impact}`, `{next_update}` where the values go. */
  text: string;
  /** Cleared in advance (by legal): a statement drafted from it unedited needs no approval. */
  preApproved: boolean;
  /** The playbook it comes from, or null for a general template. */
  type: string | null;
}

export interface FaqEntry {
  question: string;
  answer: string;
  /** The playbook it comes from, or null for a general entry. */
  type: string | null;
}

export interface DeadlineSpec {
  /** Short id used in `/crisis deadline done <id>`. */
  id: string;
  label: string;
  /** Due this long after the clock starts (the declaration, or `deadline start`). */
  dueAfterMinutes: number;
  /** Reminders this long before the due time, longest first. */
  remindBeforeMinutes: number[];
}

export interface Playbook {
  id: string;
  label: string;
  /** What customers call a crisis of this type (status page, deliveries); `public_name:`. */
  publicName?: string;
  defaultSeverity: Severity;
  private: boolean;
  /**
   * Every statement needs legal (or a crisis admin): the lead never stands in for legal, not even
   * while there is no legal holder (`legal_required: true`; the shipped breach and recall say so).
   */
  legalRequired: boolean;
  /** Per role, replacing the general checklist; roles left out keep the general one. */
  checklists: Partial<Record<Role, readonly string[]>>;
  templates: StatementTemplate[];
  deadlines: DeadlineSpec[];
  faq: FaqEntry[];
  /** Help-desk keywords the early warning watches for this type (`keywords:`); normalised, lower case. */
  keywords?: readonly string[];
}

export interface GeneralPlan {
  checklists: Partial<Record<Role, readonly string[]>>;
  templates: StatementTemplate[];
  faq: FaqEntry[];
}

export const EMPTY_GENERAL_PLAN: GeneralPlan = { checklists: {}, templates: [], faq: [] };

/** Every loaded playbook, looked up by type id. Built once at start-up. */
export class PlaybookCatalog {
  private readonly byId: ReadonlyMap<string, Playbook>;

  constructor(
    playbooks: readonly Playbook[],
    readonly general: GeneralPlan = EMPTY_GENERAL_PLAN,
  ) {
    if (!playbooks.some((p) => p.id === DEFAULT_TYPE)) throw new Error(`a playbook catalog needs the "${DEFAULT_TYPE}" playbook`);
    // `other` last: it is the fallback, so pickers and lists show the specific types first.
    const ordered = [...playbooks].sort((a, b) => Number(a.id === DEFAULT_TYPE) - Number(b.id === DEFAULT_TYPE) || a.id.localeCompare(b.id));
    this.byId = new Map(ordered.map((p) => [p.id, p]));
  }

  /** Every playbook, the specific types first and `other` last. */
  all(): Playbook[] {
    return [...this.byId.values()];
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  find(type: string): Playbook | undefined {
    return this.byId.get(type.toLowerCase());
  }

  /** The playbook of a type a person named; an unknown one is refused with the list of types. */
  get(type: string): Playbook {
    const found = this.find(type);
    if (!found) throw new CrisisError('bad_input', this.unknownTypeMessage(type), 'type');
    return found;
  }

  /**
   * The label of a stored crisis's type. A crisis keeps its type when a team later removes that
   * playbook; it then shows the id itself.
   */
  label(type: string): string {
    return this.find(type)?.label ?? type;
  }

  /** The name customers see for a crisis of `type` until one is set: its `public_name`, else a neutral one. */
  publicName(type: string): string {
    return this.find(type)?.publicName ?? 'Service disruption';
  }

  /** The checklist a holder of `role` gets in a crisis of `type`. */
  checklistFor(type: string, role: Role): readonly string[] {
    return this.find(type)?.checklists[role] ?? this.general.checklists[role] ?? ROLE_CHECKLISTS[role];
  }

  /** The type's templates, then the general ones. */
  templatesFor(type: string): StatementTemplate[] {
    return [...(this.find(type)?.templates ?? []), ...this.general.templates];
  }

  /** One template a crisis of `type` may use, by id (case-insensitive). */
  template(type: string, id: string): StatementTemplate | undefined {
    const key = id.toLowerCase();
    return this.templatesFor(type).find((t) => t.id.toLowerCase() === key);
  }

  /** The type's FAQ entries to start from, then the general ones. */
  faqFor(type: string): FaqEntry[] {
    return [...(this.find(type)?.faq ?? []), ...this.general.faq];
  }

  /** Whether a crisis of `type` needs legal for every statement (see Playbook.legalRequired). */
  legalRequired(type: string): boolean {
    return this.find(type)?.legalRequired ?? false;
  }

  deadlinesFor(type: string): DeadlineSpec[] {
    return this.find(type)?.deadlines ?? [];
  }

  /** "`breach` (Data breach), `outage` (Service outage), …" for replies. */
  typeListForHumans(): string {
    return this.all()
      .map((p) => `\`${p.id}\` (${p.label})`)
      .join(', ');
  }

  unknownTypeMessage(type: string): string {
    const shown = cutGraphemes(type, 30, '').replace(/`/g, "'");
    return (
      `\`${shown}\` is not a crisis type. Types: ${this.typeListForHumans()}. ` +
      'A word ending in a colon at the start of the title is read as the type; for a title that starts that way, name the type first, e.g. `/crisis declare other: Checkout: payments failing`.'
    );
  }
}

/** Fills a template's placeholders; placeholders it does not know are left as written. */
export function fillTemplate(text: string, values: Record<TemplatePlaceholder, string>): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => ((TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name) ? values[name as TemplatePlaceholder] : whole));
}

/** The placeholders a text uses that are not one of TEMPLATE_PLACEHOLDERS. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] ?? '').filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
}

const DURATION = /^(\d{1,6})\s*(m|h|d)$/;

/** `90m`, `24h`, `3d` → minutes; undefined for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  return match[2] === 'd' ? n * 1440 : match[2] === 'h' ? n * 60 : n;
}
