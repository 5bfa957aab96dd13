/**
 * `npm run demo`: a whole crisis, end to end, against the bundled Slack emulator, with no
 * workspace and no tokens. The real bot runs on a temporary database; the clock is moved by hand
 * so an hour of crisis plays in seconds. Prints what people would have seen, the debriefs and the
 * report, and writes the files the bot uploaded (debriefs, charts, report) to a folder it names at
 * the end: `demo-output/`, or `--out <dir>`. The play itself is src/demo/play-demo.ts.
 */
import { DEMO_USAGE, parseDemoArgs } from './demo-output';
import { playDemo } from './play-demo';

const args = parseDemoArgs(process.argv.slice(2), process.cwd());
if (args.kind !== 'run') {
  if (args.kind === 'bad') process.stderr.write(`${args.message}\n`);
  (args.kind === 'bad' ? process.stderr : process.stdout).write(`${DEMO_USAGE}\n`);
  process.exit(args.kind === 'bad' ? 2 : 0);
}
playDemo({ outDir: args.outDir, out: (line) => process.stdout.write(`${line}\n`) }).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`demo failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
