/**
 * The emulator's method table against Slack's own method docs (the shared copy in
 * ../shared/slack/web-api/methods-summary.json, beside the repository): same required arguments as
 * @slack/web-api declares, and only documented error codes. Runs only where that folder exists;
 * jest runs a skipped describe's body while collecting, so nothing there may read the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { EXTRA_METHODS, GENERAL_ERRORS, METHOD_SPECS, UNDOCUMENTED_ERRORS, type RequiredArg } from '../../src/emulator';

const SHARED = resolve(__dirname, '../../../shared/slack');
const describeShared = existsSync(SHARED) ? describe : describe.skip;

const Summary = z.object({
  methods: z.record(
    z.string(),
    z.object({
      sdk_required: z.array(z.string()),
      docs_errors: z.record(z.string(), z.string()),
      legacy_ref_errors_extra: z.array(z.string()).default([]),
    }),
  ),
});

/** The methods the bot may call (the brief of this module). */
const BOT_METHODS = [
  'auth.test', 'conversations.create', 'conversations.invite', 'conversations.setTopic', 'conversations.setPurpose',
  'conversations.join', 'conversations.archive', 'conversations.info', 'conversations.members', 'conversations.history', 'conversations.replies', 'chat.postMessage', 'chat.postEphemeral',
  'chat.update', 'chat.getPermalink', 'pins.add', 'reactions.add', 'views.open', 'views.update', 'views.publish',
  'users.info', 'files.getUploadURLExternal', 'files.completeUploadExternal', 'bookmarks.add',
];

/**
 * Reads @slack/web-api's required-argument notes: `'one of: text | blocks'` is a group,
 * `'users (comma-separated string, up to 1000)'` and `"type ('link')"` are the plain name.
 */
function parseSdkRequired(entry: string): RequiredArg {
  const oneOf = /^one of:\s*(.+)$/.exec(entry);
  if (oneOf?.[1]) return { kind: 'oneOf', names: oneOf[1].split('|').map((n) => n.trim()) };
  const name = /^([a-z_]+)/.exec(entry)?.[1];
  if (!name) throw new Error(`cannot read sdk_required entry ${entry}`);
  return { kind: 'arg', name };
}

function describeRequired(required: readonly RequiredArg[]): string[] {
  return required.map((r) => (r.kind === 'arg' ? r.name : `one of ${[...r.names].sort().join('|')}`)).sort();
}

describe('parseSdkRequired', () => {
  it('reads the three notations', () => {
    expect(parseSdkRequired('one of: text | blocks | attachments | markdown_text')).toEqual({
      kind: 'oneOf',
      names: ['text', 'blocks', 'attachments', 'markdown_text'],
    });
    expect(parseSdkRequired('users (comma-separated string, up to 1000)')).toEqual({ kind: 'arg', name: 'users' });
    expect(parseSdkRequired("type ('link')")).toEqual({ kind: 'arg', name: 'type' });
    expect(parseSdkRequired('files (non-empty [{id, title?}])')).toEqual({ kind: 'arg', name: 'files' });
  });
});

describeShared('emulator method table against methods-summary.json', () => {
  let summary: z.infer<typeof Summary>;
  beforeAll(() => {
    summary = Summary.parse(JSON.parse(readFileSync(resolve(SHARED, 'web-api/methods-summary.json'), 'utf8')));
  });
  const implemented = Object.entries(METHOD_SPECS);

  it('implements every method the bot may call', () => {
    expect(Object.keys(METHOD_SPECS).sort()).toEqual([...BOT_METHODS].sort());
  });

  it('lists each implemented method either in the summary or in EXTRA_METHODS, not both', () => {
    for (const [method] of implemented) {
      const inSummary = method in summary.methods;
      expect({ method, known: inSummary || EXTRA_METHODS.has(method) }).toEqual({ method, known: true });
      expect({ method, both: inSummary && EXTRA_METHODS.has(method) }).toEqual({ method, both: false });
    }
  });

  it.each(implemented.filter(([m]) => !EXTRA_METHODS.has(m)))('%s requires what @slack/web-api requires', (method, spec) => {
    const docs = summary.methods[method];
    if (!docs) throw new Error(`${method} missing from the summary`);
    expect(describeRequired(spec.required)).toEqual(describeRequired(docs.sdk_required.map(parseSdkRequired)));
  });

  it.each(implemented.filter(([m]) => !EXTRA_METHODS.has(m)))('%s only answers documented error codes', (method, spec) => {
    const docs = summary.methods[method];
    if (!docs) throw new Error(`${method} missing from the summary`);
    const allowed = new Set([
      ...Object.keys(docs.docs_errors),
      ...docs.legacy_ref_errors_extra,
      ...GENERAL_ERRORS,
      ...(UNDOCUMENTED_ERRORS[method] ?? []),
    ]);
    const undocumented = [...spec.errors, ...spec.required.flatMap((r) => (r.missingError ? [r.missingError] : []))].filter(
      (code) => !allowed.has(code),
    );
    expect(undocumented).toEqual([]);
  });

  it('keeps the general codes to ones Slack uses for every method', () => {
    for (const code of GENERAL_ERRORS) {
      const documentedSomewhere = Object.values(summary.methods).some(
        (m) => code in m.docs_errors || m.legacy_ref_errors_extra.includes(code),
      );
      // invalid_arguments is Slack's answer to a missing field (see views.open's and setTopic's docs examples).
      expect({ code, ok: documentedSomewhere || code === 'invalid_arguments' }).toEqual({ code, ok: true });
    }
  });
});
