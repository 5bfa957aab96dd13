/**
 * Jest's node environment, plus: when a test file ends (after its last afterAll, so its bots and
 * databases are closed), the temp folders it made through test/helpers/temp-files.ts are deleted.
 */
import { TestEnvironment } from 'jest-environment-node';
import { removeAllTempDirs, TEMP_DIRS_KEY } from '../helpers/temp-files';

export default class CrisisBotEnvironment extends TestEnvironment {
  override async teardown(): Promise<void> {
    const dirs = (this.global as unknown as Record<string, Set<string> | undefined>)[TEMP_DIRS_KEY];
    if (dirs) removeAllTempDirs(dirs);
    await super.teardown();
  }
}
