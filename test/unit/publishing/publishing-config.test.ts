/** The publishing rows of the configuration, and how `publish S<n> <where>` reads its targets. */
import { ConfigError, loadConfig } from '../../../src/config';
import { parsePublishingEnv } from '../../../src/features/publishing/publishing-config';
import { configuredTargets, defaultTarget, parseWhere } from '../../../src/features/publishing/publish-targets';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };
const FULL = {
  CRISIS_PUBLISH_WEBHOOKS: 'press=https://hooks.example.com/press, Email=http://mail.internal/in',
  CRISIS_PUBLISH_SECRET: 'a-secret-of-16-chars',
  STATUSPAGE_API_KEY: 'key',
  STATUSPAGE_PAGE_ID: 'page',
  ZENDESK_URL: 'https://acme.zendesk.com',
  ZENDESK_EMAIL: 'bot@acme.example',
  ZENDESK_API_TOKEN: 'token',
};

it('defaults: the page on, titled "Service status", nothing else set up', () => {
  expect(loadConfig(MINIMAL).publishing).toEqual({ statusPage: { enabled: true, title: 'Service status' }, webhooks: [], secret: undefined, statuspage: undefined, zendesk: undefined });
  expect(configuredTargets(loadConfig(MINIMAL).publishing)).toEqual(['status-page']);
});

it('reads every row, webhook names in lower case, Statuspage on their API by default', () => {
  const { config, problems } = parsePublishingEnv({ ...FULL, CRISIS_STATUS_PAGE: 'OFF', CRISIS_STATUS_PAGE_TITLE: 'Acme status' });
  expect(problems.size).toBe(0);
  expect(config).toEqual({
    statusPage: { enabled: false, title: 'Acme status' },
    webhooks: [
      { name: 'press', url: 'https://hooks.example.com/press' },
      { name: 'email', url: 'http://mail.internal/in' },
    ],
    secret: 'a-secret-of-16-chars',
    statuspage: { apiKey: 'key', pageId: 'page', apiUrl: 'https://api.statuspage.io/v1' },
    zendesk: { url: 'https://acme.zendesk.com', email: 'bot@acme.example', apiToken: 'token' },
  });
  expect(configuredTargets(config)).toEqual(['statuspage', 'zendesk', 'webhook:press', 'webhook:email']);
});

it('names every bad row at once, with what it expects, and never echoes a secret or a webhook list', () => {
  let err: unknown;
  try {
    loadConfig({
      ...MINIMAL,
      CRISIS_STATUS_PAGE: 'maybe',
      CRISIS_PUBLISH_WEBHOOKS: 'press=ftp://x, zendesk=https://a.example, =https://b.example, press=https://c.example',
      STATUSPAGE_API_KEY: 'key',
      ZENDESK_URL: 'not a url',
      ZENDESK_EMAIL: 'me',
    });
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  const problems = (err as ConfigError).problems.join('\n');
  expect(problems).toContain('CRISIS_STATUS_PAGE: expected on or off (got "maybe")');
  expect(problems).toContain('"press" needs an http(s) URL after the =');
  expect(problems).toContain('"zendesk" is a built-in target; give the webhook another name');
  expect(problems).toContain('CRISIS_PUBLISH_SECRET: required when CRISIS_PUBLISH_WEBHOOKS is set');
  expect(problems).toContain('STATUSPAGE_PAGE_ID: required with the other of STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID');
  expect(problems).toContain('ZENDESK_URL: expected an http(s) URL');
  expect(problems).toContain('ZENDESK_API_TOKEN: required with ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN');
  expect(problems).not.toContain('ftp://x');
});

describe('publish S<n> <where>', () => {
  const config = parsePublishingEnv(FULL).config;

  it('reads targets by name, each once, and keeps any other words as recorded only', () => {
    expect(parseWhere('status-page, Zendesk, press, press release, press', config)).toEqual({ targets: ['status-page', 'zendesk', 'webhook:press'], unconfigured: [], recorded: ['press release'] });
    expect(parseWhere('status page', config)).toEqual({ targets: [], unconfigured: [], recorded: ['status page'] });
  });

  it('names a built-in target that is not set up, so the publish can be refused', () => {
    const off = parsePublishingEnv({ CRISIS_STATUS_PAGE: 'off' }).config;
    expect(parseWhere('statuspage, status-page, zendesk', off)).toEqual({ targets: [], unconfigured: ['statuspage', 'status-page', 'zendesk'], recorded: [] });
  });

  it('picks the audience default among the configured targets', () => {
    expect(defaultTarget('customers', config)).toBe('status-page');
    expect(defaultTarget('support_macro', config)).toBe('zendesk');
    expect(defaultTarget('press', config)).toBeUndefined();
    expect(defaultTarget('support_macro', parsePublishingEnv({}).config)).toBeUndefined();
  });
});
