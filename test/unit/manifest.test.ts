/**
 * manifest.yml validates against Slack's official manifest schema and declares everything the
 * bot uses: the /crisis command (escaped), the message shortcut, the events and their scopes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import YAML from 'yaml';
import { z } from 'zod';
import { COMMAND, SHORTCUTS } from '../../src/slack/ids';

const root = path.resolve(__dirname, '../..');
const schemaFile = path.resolve(root, '../shared/slack/manifest/manifest.schema.1.0.0.json');
const manifest: unknown = YAML.parse(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(z.object({ command: z.string(), should_escape: z.boolean().optional(), url: z.string().optional() })),
    shortcuts: z.array(z.object({ callback_id: z.string(), type: z.string(), name: z.string() })),
    app_home: z.object({ home_tab_enabled: z.boolean() }),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    event_subscriptions: z.object({ bot_events: z.array(z.string()), request_url: z.string().optional() }),
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string().optional() }),
  }),
});

const describeWithSchema = fs.existsSync(schemaFile) ? describe : describe.skip;

function compileSchema() {
  // Formats (uri) are not what we check here; the structure is.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(z.record(z.string(), z.unknown()).parse(JSON.parse(fs.readFileSync(schemaFile, 'utf8'))));
}

describeWithSchema('manifest.yml against Slack\'s schema', () => {
  it('validates', () => {
    const validate = compileSchema();
    const ok = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema really rejects a broken manifest (the check is not vacuous)', () => {
    const validate = compileSchema();
    expect(validate({ features: { slash_commands: [{ command: 'crisis' }] } })).toBe(false);
  });
});

describe('manifest.yml declares what the bot uses', () => {
  const m = Manifest.parse(manifest);

  it('has /crisis with should_escape: true, so mentions arrive as <@U…>', () => {
    const command = m.features.slash_commands.find((c) => c.command === COMMAND);
    expect(command?.should_escape).toBe(true);
    expect(command?.url).toMatch(/\/slack\/events$/);
  });

  it('has the message shortcut the listener answers', () => {
    expect(m.features.shortcuts).toContainEqual(expect.objectContaining({ callback_id: SHORTCUTS.addToTimeline, type: 'message', name: 'Add to crisis timeline' }));
  });

  it('subscribes to the events the bot listens to, with the scopes they need', () => {
    expect(m.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'pin_added', 'reaction_added']);
    const scopes = m.oauth_config.scopes.bot;
    for (const needed of [
      'commands', 'chat:write', 'channels:manage', 'channels:read', 'channels:history', 'pins:read', 'pins:write',
      'reactions:read', 'reactions:write', 'users:read', 'files:write', 'im:write', 'groups:write', 'groups:history',
      // conversations.members on a private crisis channel (an action's owner must be in it).
      'groups:read',
    ]) {
      expect(scopes).toContain(needed);
    }
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
  });
});

const summaryFile = path.resolve(root, '../shared/slack/web-api/methods-summary.json');
const describeWithSummary = fs.existsSync(summaryFile) ? describe : describe.skip;

/** Every Web API method named in a `.call('…'` under src/. */
function methodsCalled(): Set<string> {
  const called = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/\.call\('([a-z]+\.[A-Za-z.]+)'/g)) if (m[1]) called.add(m[1]);
    }
  };
  walk(path.join(root, 'src', 'slack'));
  walk(path.join(root, 'src', 'core'));
  walk(path.join(root, 'src', 'features'));
  walk(path.join(root, 'src', 'app'));
  return called;
}

describeWithSummary('manifest.yml against the Web API methods the bot calls', () => {
  it('grants, for each one that needs a bot scope, one of the scopes Slack documents for it', () => {
    const Summary = z.object({ methods: z.record(z.string(), z.object({ docs_scopes: z.object({ bot: z.array(z.string()).optional() }).optional() })) });
    const summary = Summary.parse(JSON.parse(fs.readFileSync(summaryFile, 'utf8')));
    const granted = Manifest.parse(manifest).oauth_config.scopes.bot;
    const called = methodsCalled();
    // The scan finds what it should (the check is not vacuous).
    expect([...called]).toEqual(expect.arrayContaining(['chat.postMessage', 'conversations.create', 'pins.add', 'files.getUploadURLExternal', 'users.info']));
    const missing = [...called].filter((method) => {
      const scopes = summary.methods[method]?.docs_scopes?.bot ?? [];
      return scopes.length > 0 && !scopes.some((s) => granted.includes(s));
    });
    expect(missing).toEqual([]);
  });
});
