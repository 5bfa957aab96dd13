/** Configuration: CONTRACT.md's defaults, one error naming every bad variable, .env reading, and the real start-up. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, readDotEnv } from '../../src/config';
import { builtFile } from '../helpers/built';
const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };

/** Every variable wrong at once (the signing secret by being absent in HTTP mode). */
const ALL_BAD: Record<string, string> = {
  SLACK_BOT_TOKEN: 'xoxp-TOPSECRET-user-token',
  PORT: '99999',
  SLACK_API_URL: 'ftp://slack.com/api/',
  CRISIS_ANNOUNCE_CHANNEL: '#incidents',
  CRISIS_TIMEZONE: 'Mars/Olympus_Mons',
  REMINDER_TICK: 'every minute',
  CRISIS_ADMINS: 'maria,U012ABC',
  LOG_LEVEL: 'loud',
  CRISIS_SHIFT_HOURS: 'four',
};

function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-config-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('has exactly the defaults of CONTRACT.md', () => {
    expect(loadConfig(MINIMAL)).toEqual({
      botToken: 'xoxb-123-456-abc',
      signingSecret: 'shh',
      appToken: undefined,
      port: 3000,
      host: '0.0.0.0',
      databasePath: './data/crisis.db',
      slackApiUrl: 'https://slack.com/api/',
      announceChannel: undefined,
      timeZone: 'UTC',
      reminderTick: '*/15 * * * * *',
      admins: [],
      logLevel: 'info',
      playbooksDir: undefined,
      shiftHours: 4,
      helpdesk: { secrets: { zendesk: undefined, intercom: undefined, freshdesk: undefined, gorgias: undefined }, periodMs: 15 * 60_000, watchChannel: undefined, earlyWarningRatio: 4, earlyWarningMin: 20 },
      publishing: { statusPage: { enabled: true, title: 'Service status' }, webhooks: [], secret: undefined, statuspage: undefined, zendesk: undefined },
    });
  });

  it('treats empty values as unset, so the defaults apply', () => {
    const config = loadConfig({ ...MINIMAL, PORT: '', LOG_LEVEL: ' ', CRISIS_TIMEZONE: '', CRISIS_ADMINS: '', REMINDER_TICK: '' });
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', timeZone: 'UTC', admins: [], reminderTick: '*/15 * * * * *' });
  });

  it('reads every variable when set', () => {
    const config = loadConfig({
      ...MINIMAL,
      SLACK_APP_TOKEN: 'xapp-1-A1-xyz',
      PORT: '8080',
      DATABASE_PATH: '/var/lib/crisis/crisis.db',
      SLACK_API_URL: 'http://localhost:4010/api',
      CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE',
      CRISIS_TIMEZONE: 'Europe/Berlin',
      REMINDER_TICK: '*/5 * * * * *',
      CRISIS_ADMINS: ' U012ABC , W034DEF,, ',
      LOG_LEVEL: 'DEBUG',
      CRISIS_PLAYBOOKS_DIR: './our-plan',
      CRISIS_SHIFT_HOURS: '2.5',
    });
    expect(config).toEqual({
      botToken: 'xoxb-123-456-abc',
      signingSecret: 'shh',
      appToken: 'xapp-1-A1-xyz',
      port: 8080,
      host: '0.0.0.0',
      databasePath: '/var/lib/crisis/crisis.db',
      slackApiUrl: 'http://localhost:4010/api/',
      announceChannel: 'C0ANNOUNCE',
      timeZone: 'Europe/Berlin',
      reminderTick: '*/5 * * * * *',
      admins: ['U012ABC', 'W034DEF'],
      logLevel: 'debug',
      playbooksDir: './our-plan',
      shiftHours: 2.5,
      // CRISIS_WATCH_CHANNEL falls back to the announce channel.
      helpdesk: { secrets: { zendesk: undefined, intercom: undefined, freshdesk: undefined, gorgias: undefined }, periodMs: 15 * 60_000, watchChannel: 'C0ANNOUNCE', earlyWarningRatio: 4, earlyWarningMin: 20 },
      publishing: { statusPage: { enabled: true, title: 'Service status' }, webhooks: [], secret: undefined, statuspage: undefined, zendesk: undefined },
    });
  });

  it('names every bad variable in one error, each with what it expects', () => {
    const err = configError(ALL_BAD);
    const byName = new Map(err.problems.map((p) => [p.slice(0, p.indexOf(':')), p]));
    expect([...byName.keys()].sort()).toEqual([...Object.keys(ALL_BAD), 'SLACK_SIGNING_SECRET'].sort());
    expect(byName.get('SLACK_BOT_TOKEN')).toContain('expected a bot token starting with xoxb-');
    expect(byName.get('SLACK_SIGNING_SECRET')).toContain('required in HTTP mode');
    expect(byName.get('PORT')).toBe('PORT: expected a port number 0-65535 (got "99999")');
    expect(byName.get('SLACK_API_URL')).toContain('expected an http(s) URL');
    expect(byName.get('CRISIS_ANNOUNCE_CHANNEL')).toContain('expected a channel ID such as C0123456789 (not a #name)');
    expect(byName.get('CRISIS_TIMEZONE')).toContain('expected an IANA time zone');
    expect(byName.get('REMINDER_TICK')).toContain('expected a node-cron expression');
    expect(byName.get('CRISIS_ADMINS')).toContain('expected comma-separated user IDs');
    expect(byName.get('LOG_LEVEL')).toBe('LOG_LEVEL: expected one of debug, info, warn, error (got "loud")');
    expect(byName.get('CRISIS_SHIFT_HOURS')).toBe('CRISIS_SHIFT_HOURS: expected hours from 0 to 168, decimals allowed, such as 4 or 2.5 (0 turns shift breaks off) (got "four")');
    for (const problem of err.problems) expect(err.message).toContain(problem);
  });

  it('requires the bot token', () => {
    expect(configError({ SLACK_SIGNING_SECRET: 'shh' }).problems).toEqual(['SLACK_BOT_TOKEN: required']);
  });

  it('requires the signing secret in HTTP mode but not in Socket Mode', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: '  ' }).problems).toEqual([
      'SLACK_SIGNING_SECRET: required in HTTP mode (when SLACK_APP_TOKEN is not set)',
    ]);
    const socket = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A-b' });
    expect(socket.appToken).toBe('xapp-1-A-b');
    expect(socket.signingSecret).toBeUndefined();
  });

  it('never echoes a token or secret, even a wrong one', () => {
    const err = configError({ SLACK_BOT_TOKEN: 'xoxp-TOPSECRET1', SLACK_APP_TOKEN: 'xoxb-TOPSECRET2', SLACK_SIGNING_SECRET: 'shh', PORT: 'x' });
    expect(err.problems.map((p) => p.split(':')[0])).toEqual(['SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'PORT']);
    expect(err.message).not.toContain('TOPSECRET');
    expect(err.message).toContain('(got "x")');
  });

  it.each(['abc', '-1', '65536', '3000.5'])('refuses PORT=%s', (port) => {
    expect(configError({ ...MINIMAL, PORT: port }).problems).toEqual([`PORT: expected a port number 0-65535 (got "${port}")`]);
  });

  it.each(['not a url', 'ftp://slack.com/api/', 'javascript:alert(1)'])('refuses SLACK_API_URL=%s', (url) => {
    expect(configError({ ...MINIMAL, SLACK_API_URL: url }).problems[0]).toMatch(/^SLACK_API_URL: expected an http\(s\) URL/);
  });

  it('CRISIS_ADMINS: comma-separated user ids, spaces and empty items ignored, anything else refused', () => {
    expect(loadConfig({ ...MINIMAL, CRISIS_ADMINS: 'U1AB' }).admins).toEqual(['U1AB']);
    expect(loadConfig({ ...MINIMAL, CRISIS_ADMINS: 'U1AB,U2CD , W3EF' }).admins).toEqual(['U1AB', 'U2CD', 'W3EF']);
    for (const bad of ['@maria', 'U1AB;U2CD', 'u1ab', '<@U1AB>']) {
      expect(configError({ ...MINIMAL, CRISIS_ADMINS: bad }).problems[0]).toContain('CRISIS_ADMINS: expected comma-separated user IDs');
    }
  });
});

describe('readDotEnv', () => {
  it('reads KEY=value lines, strips quotes, skips comments and never overrides the real environment', () => {
    const file = path.join(tmp, '.env');
    fs.writeFileSync(
      file,
      [
        '# the bot token',
        'SLACK_BOT_TOKEN=xoxb-from-file',
        'SLACK_SIGNING_SECRET="quoted secret"  ',
        "CRISIS_TIMEZONE='Europe/Paris'",
        '   # PORT=1234',
        '#LOG_LEVEL=debug',
        'export CRISIS_ADMINS=U1AB,U2CD',
        'PORT=4000',
        '',
        'not a line',
      ].join('\r\n'),
    );
    const env: Record<string, string | undefined> = { PORT: '5000' };
    readDotEnv(file, env);
    expect(env).toEqual({
      SLACK_BOT_TOKEN: 'xoxb-from-file',
      SLACK_SIGNING_SECRET: 'quoted secret',
      CRISIS_TIMEZONE: 'Europe/Paris',
      CRISIS_ADMINS: 'U1AB,U2CD',
      PORT: '5000',
    });
  });

  it('does nothing when the file is missing', () => {
    const env: Record<string, string | undefined> = {};
    readDotEnv(path.join(tmp, 'missing.env'), env);
    expect(env).toEqual({});
  });
});

describe('npm start with a bad environment', () => {
  it('exits non-zero with one message naming every bad variable, and no token', async () => {
    // The real entry point, in a folder without .env, with nothing from this process's environment.
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [builtFile('src/index.ts')], {
        cwd: tmp,
        env: { PATH: process.env.PATH ?? '', ...ALL_BAD },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr.startsWith('Configuration is not valid:\n')).toBe(true);
    for (const name of [...Object.keys(ALL_BAD), 'SLACK_SIGNING_SECRET']) expect(stderr).toContain(`  - ${name}: `);
    expect(stderr).not.toContain('TOPSECRET');
    expect(fs.readdirSync(tmp)).toEqual([]);
  }, 20_000);
});

describe('help-desk variables', () => {
  it('reads the four secrets, the period, the watch channel and the early warning', () => {
    const config = loadConfig({
      ...MINIMAL,
      CRISIS_HELPDESK_ZENDESK_SECRET: 'zendesk-signing-secret',
      CRISIS_HELPDESK_INTERCOM_SECRET: 'intercom-client-secret',
      CRISIS_HELPDESK_FRESHDESK_SECRET: 'freshdesk-token-0123456789',
      CRISIS_HELPDESK_GORGIAS_SECRET: ' ',
      CRISIS_HELPDESK_PERIOD: '1h',
      CRISIS_WATCH_CHANNEL: 'C0WATCH',
      CRISIS_EARLY_WARNING_RATIO: '2.5',
      CRISIS_EARLY_WARNING_MIN: '10',
    });
    expect(config.helpdesk).toEqual({
      secrets: { zendesk: 'zendesk-signing-secret', intercom: 'intercom-client-secret', freshdesk: 'freshdesk-token-0123456789', gorgias: undefined },
      periodMs: 60 * 60_000,
      watchChannel: 'C0WATCH',
      earlyWarningRatio: 2.5,
      earlyWarningMin: 10,
    });
  });

  it('names each bad one with what it expects', () => {
    const err = configError({ ...MINIMAL, CRISIS_HELPDESK_PERIOD: '7m', CRISIS_WATCH_CHANNEL: '#watch', CRISIS_EARLY_WARNING_RATIO: '1', CRISIS_EARLY_WARNING_MIN: '0', CRISIS_HELPDESK_FRESHDESK_SECRET: 'short' });
    const text = err.problems.join('\n');
    expect(text).toContain('CRISIS_HELPDESK_PERIOD: expected minutes or hours that divide a day');
    expect(text).toContain('CRISIS_WATCH_CHANNEL: expected a channel ID');
    expect(text).toContain('CRISIS_EARLY_WARNING_RATIO: expected a number above 1');
    expect(text).toContain('CRISIS_EARLY_WARNING_MIN: expected a whole number of tickets ≥ 1');
    expect(text).toContain('CRISIS_HELPDESK_FRESHDESK_SECRET: expected a shared secret of at least 16 characters');
    expect(text).not.toContain('short');
  });
});
