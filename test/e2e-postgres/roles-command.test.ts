/** test/e2e/roles-command.test.ts with the bot on PostgreSQL (README.md beside this file). */
import { useEngine } from '../helpers/harness';
import { describeOnPostgres } from '../helpers/postgres';

describeOnPostgres('on PostgreSQL', () => {
  useEngine('postgres');
  require('../e2e/roles-command.test');
});
