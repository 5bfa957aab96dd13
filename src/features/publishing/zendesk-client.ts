/**
 * Zendesk, the `zendesk` target: one shared macro per crisis, titled with its public name, whose
 * actions set the reply to the latest statement and the approved FAQ answers. It is created once
 * (`POST /api/v2/macros`), then replaced in place (`PUT /api/v2/macros/{id}`) on each statement or
 * FAQ approval, so support reps always apply the words legal approved; when the crisis resolves it
 * is deactivated (`active: false`). Authentication is basic, `{email}/token:{api_token}`.
 *
 * Replacing a macro's actions is idempotent by nature; creating one is not, so a retry without a
 * macro id first searches for the macro an earlier attempt may have made (its description carries
 * the crisis's marker). A macro an admin deleted is made again.
 */
import { z } from 'zod';
import { joinUrl, parseJson, sendHttp, unexpectedAnswer, type HttpOptions, type HttpRequest } from './http-attempt';
import type { AttemptFailure, AttemptResult } from './outbox-rules';
import { publicTimeText } from './time-text';

export interface FaqAnswer {
  question: string;
  answer: string;
}

/**
 * Zendesk reads `{{…}}` and `{%…%}` in a macro's comment as placeholders (Liquid); a text holding
 * them is wrapped in `{% raw %}` so the customer reads it as written.
 */
export function keepLiteral(text: string): string {
  if (!/\{\{|\{%/.test(text)) return text;
  return `{% raw %}${text.replace(/\{%\s*endraw\s*%\}/g, '{ % endraw % }')}{% endraw %}`;
}

/** The reply the macro writes: the latest statement, then each approved answer under its question. */
export function macroComment(input: { latest: { text: string; publishedAt: string } | null; faq: FaqAnswer[]; timeZone: string }): string {
  const parts: string[] = [];
  if (input.latest) parts.push(`Latest update (${publicTimeText(input.latest.publishedAt, input.timeZone)}):\n${input.latest.text.trim()}`);
  for (const entry of input.faq) parts.push(`${entry.question.trim()}\n${entry.answer.trim()}`);
  return keepLiteral(parts.join('\n\n'));
}

const Macro = z.object({ id: z.number().int(), title: z.string(), description: z.string().nullable().optional(), active: z.boolean().optional() }).loose();
const MacroAnswer = z.object({ macro: Macro });
const MacroSearch = z.object({ macros: z.array(Macro) });

export interface ZendeskOptions extends HttpOptions {
  /** `ZENDESK_URL`, e.g. https://acme.zendesk.com */
  baseUrl: string;
  email: string;
  apiToken: string;
}

export interface MacroUpsert {
  macroId: string | null;
  /** The crisis's public name. */
  title: string;
  comment: string;
  /** Unique to the crisis (e.g. `crisis-37`): written in the description, found again after a lost answer. */
  marker: string;
  idempotencyKey: string;
  retrying: boolean;
}

export class ZendeskMacroClient {
  constructor(private readonly options: ZendeskOptions) {}

  /** Creates or replaces the crisis's macro; the result's ref is the macro id. */
  async upsert(input: MacroUpsert): Promise<AttemptResult> {
    const macro = {
      title: input.title,
      description: this.description(input.marker),
      active: true,
      actions: [
        { field: 'comment_value', value: input.comment },
        { field: 'comment_mode_is_public', value: 'true' },
      ],
    };
    let id = input.macroId;
    if (id === null && input.retrying) {
      const found = await this.find(input.title, input.marker);
      if (!found.ok) return found;
      id = found.id;
    }
    if (id !== null) {
      const replaced = await this.macroFrom(this.request('PUT', `macros/${encodeURIComponent(id)}`, input.idempotencyKey, { macro }));
      // Deleted by an admin meanwhile: the crisis still needs its macro.
      if (replaced.ok || !(replaced.failure.kind === 'http' && replaced.failure.status === 404)) return replaced;
    }
    return this.macroFrom(this.request('POST', 'macros', input.idempotencyKey, { macro }));
  }

  /** Deactivates the crisis's macro once it is resolved; one already gone counts as done. */
  async deactivate(input: { macroId: string; idempotencyKey: string }): Promise<AttemptResult> {
    const result = await this.macroFrom(this.request('PUT', `macros/${encodeURIComponent(input.macroId)}`, input.idempotencyKey, { macro: { active: false } }));
    if (!result.ok && result.failure.kind === 'http' && result.failure.status === 404) return { ok: true, ref: null };
    return result;
  }

  private description(marker: string): string {
    return `Kept current by the crisis bot: the latest statement and the approved FAQ answers. Edits here are replaced at the next statement. [${marker}]`;
  }

  private host(): string {
    return URL.canParse(this.options.baseUrl) ? new URL(this.options.baseUrl).host : this.options.baseUrl;
  }

  private request(method: HttpRequest['method'], path: string, idempotencyKey: string | null, body?: unknown): HttpRequest {
    const credentials = Buffer.from(`${this.options.email}/token:${this.options.apiToken}`).toString('base64');
    return {
      method,
      url: joinUrl(this.options.baseUrl, `api/v2/${path}`),
      headers: {
        Authorization: `Basic ${credentials}`,
        Accept: 'application/json',
        'User-Agent': 'crisis-bot',
        ...(body !== undefined ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
        ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    };
  }

  private async macroFrom(request: HttpRequest): Promise<AttemptResult> {
    const outcome = await sendHttp(request, this.options);
    if (!outcome.ok) return outcome;
    const parsed = MacroAnswer.safeParse(parseJson(outcome.answer.text));
    return parsed.success ? { ok: true, ref: String(parsed.data.macro.id) } : { ok: false, failure: unexpectedAnswer(this.host(), outcome.answer.status, 'a macro') };
  }

  private async find(title: string, marker: string): Promise<{ ok: true; id: string | null } | { ok: false; failure: AttemptFailure }> {
    const outcome = await sendHttp(this.request('GET', `macros/search?query=${encodeURIComponent(title)}`, null), this.options);
    if (!outcome.ok) return outcome;
    const parsed = MacroSearch.safeParse(parseJson(outcome.answer.text));
    if (!parsed.success) return { ok: false, failure: unexpectedAnswer(this.host(), outcome.answer.status, 'a list of macros') };
    const mine = parsed.data.macros.find((m) => m.title === title && (m.description ?? '').includes(`[${marker}]`));
    return { ok: true, id: mine ? String(mine.id) : null };
  }
}
