/** The configuration of issue 21: DATABASE_URL (validated, its password never shown), HOST and METRICS_PORT. */
import { ConfigError, loadConfig } from '../../src/config';

const MINIMAL = { SLACK_BOT_TOKEN: 'xoxb-123-456-abc', SLACK_SIGNING_SECRET: 'shh' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...MINIMAL, ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

it('defaults: SQLite (no DATABASE_URL), every interface, /metrics on PORT', () => {
  expect(loadConfig(MINIMAL)).toMatchObject({ databaseUrl: undefined, host: '0.0.0.0', metricsPort: undefined });
  expect(loadConfig({ ...MINIMAL, DATABASE_URL: ' ', HOST: '', METRICS_PORT: '' })).toMatchObject({ databaseUrl: undefined, host: '0.0.0.0', metricsPort: undefined });
});

it('reads a PostgreSQL URL in either spelling, with its options', () => {
  for (const url of ['postgres://crisis:s3cret@db.internal:5432/crisis', 'postgresql://crisis@10.0.0.5/crisis?sslmode=require', 'postgres://[::1]:5433/crisis']) {
    expect(loadConfig({ ...MINIMAL, DATABASE_URL: url }).databaseUrl).toBe(url);
  }
});

it('refuses anything else as DATABASE_URL, and never shows its password', () => {
  const [mysql] = problems({ DATABASE_URL: 'mysql://crisis:hunter2@db/crisis' });
  expect(mysql).toBe('DATABASE_URL: expected a PostgreSQL URL such as postgres://crisis:password@db.internal:5432/crisis (got "mysql://crisis:***@db/crisis")');
  expect(mysql).not.toContain('hunter2');
  expect(problems({ DATABASE_URL: './data/crisis.db' })[0]).toContain('expected a PostgreSQL URL');
  expect(problems({ DATABASE_URL: 'postgres://' })[0]).toContain('expected a PostgreSQL URL');
  // Not a URL at all: the value is not repeated (it might be a password pasted in the wrong place).
  expect(problems({ DATABASE_URL: 'hunter2 postgres' })).toEqual(['DATABASE_URL: expected a PostgreSQL URL such as postgres://crisis:password@db.internal:5432/crisis']);
});

it('binds HOST: an address or a host name', () => {
  expect(loadConfig({ ...MINIMAL, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  expect(loadConfig({ ...MINIMAL, HOST: '::' }).host).toBe('::');
  expect(loadConfig({ ...MINIMAL, HOST: 'localhost' }).host).toBe('localhost');
  expect(problems({ HOST: 'http://0.0.0.0:3000' })).toEqual(['HOST: expected an interface address such as 0.0.0.0, 127.0.0.1 or :: (got "http://0.0.0.0:3000")']);
});

it('takes METRICS_PORT as a port of its own, and refuses it equal to PORT', () => {
  expect(loadConfig({ ...MINIMAL, METRICS_PORT: '9464' }).metricsPort).toBe(9464);
  expect(problems({ METRICS_PORT: 'ninety' })).toEqual(['METRICS_PORT: expected a port number 0-65535, not PORT (got "ninety")']);
  expect(problems({ PORT: '8080', METRICS_PORT: '8080' })).toEqual(['METRICS_PORT: expected a port other than PORT (leave it unset to serve /metrics on PORT) (got "8080")']);
  // Both 0 (tests: each picks a free port of its own) is fine.
  expect(loadConfig({ ...MINIMAL, PORT: '0', METRICS_PORT: '0' }).metricsPort).toBe(0);
});

it('names the new variables together with every other bad one', () => {
  expect(problems({ PORT: 'x', HOST: 'bad host', DATABASE_URL: 'sqlite:x', METRICS_PORT: '70000' }).map((p) => p.slice(0, p.indexOf(':'))).sort()).toEqual(['DATABASE_URL', 'HOST', 'METRICS_PORT', 'PORT']);
});
