/** A database file that fails its integrity check at start-up; apart from database.ts so `npm start` can name it without loading SQLite. */
export class DatabaseDamagedError extends Error {
  constructor(file: string, problem: string) {
    super(
      `The database file ${file} is damaged (${problem}). The bot will not start on it: every command would fail. ` +
        'Restore the latest backup (npm run backup makes one) to DATABASE_PATH, or move the file away to start with an empty database.',
    );
    this.name = 'DatabaseDamagedError';
  }
}
