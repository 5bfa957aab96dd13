/**
 * `npm run bench`: every figure the hardening issue asks for, measured side by side in one run on
 * this machine, printed as tables. No assertions: targets are shown as met or MISSED, and the run
 * fails only if a measurement itself could not be made. `npm run bench -- declare` measures only
 * declare against a Slack with latency (a few seconds instead of a few minutes).
 */
import fs from 'node:fs';
import os from 'node:os';
import { deadlineTickBench } from './deadline-tick';
import { chartBench, webhookBench } from './customer';
import { declareLatencyBench, type DeclareLatencyFigures } from './declare-latency';
import { debriefBench, reminderTickBench } from './in-process';
import { overHttpBench } from './over-http';
import { buildIfNeeded } from './processes';
import { reportBench } from './report';
import { ms, printTable, ratio, type Row } from './stats';

function machine(): string {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} CPUs (${model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

const SLACK_LATENCY_MS = 120;
const CARD_TARGET_TRIPS = 3;
const DECLARE_TARGET_TRIPS = 4;

function printDeclareLatency(d: DeclareLatencyFigures): void {
  const trips = (n: number, at: number): string => `${n} round trip${n === 1 ? '' : 's'} (${(at / d.latencyMs).toFixed(2)} × ${d.latencyMs} ms)`;
  printTable(
    `Declare against a Slack that answers every Web API call ${d.latencyMs} ms late (${d.runs} declares, one at a time, ${d.calls} Web API calls each). Time from sending the command, median; round trips: calls that had to wait for one another`,
    [
      { measure: 'command → card pinned', figure: `${ms(d.toPinnedCardMs)} · ${trips(d.toPinnedCardTrips, d.toPinnedCardMs)}`, target: `≤ ${CARD_TARGET_TRIPS} round trips`, met: d.toPinnedCardTrips <= CARD_TARGET_TRIPS },
      { measure: 'command → last Web API call of the declare', figure: `${ms(d.toLastCallMs)} · ${trips(d.toLastCallTrips, d.toLastCallMs)}`, target: `≤ ${DECLARE_TARGET_TRIPS} round trips`, met: d.toLastCallTrips <= DECLARE_TARGET_TRIPS },
    ],
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  process.stdout.write(`Crisis bot benchmarks\nMachine: ${machine()}\n`);
  buildIfNeeded();

  process.stdout.write(`Measuring declare against a Slack with ${SLACK_LATENCY_MS} ms latency…\n`);
  const slow = await declareLatencyBench(SLACK_LATENCY_MS);
  if (process.argv.includes('declare')) {
    printDeclareLatency(slow);
    process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
    return;
  }

  process.stdout.write('Measuring over HTTP (bot as `npm start` runs it, bare Bolt app, local Slack emulator)…\n');
  const http = await overHttpBench({ requests: 2000, concurrency: 20, declares: 30, openCrises: 10, manyOpenCrises: 1000 });
  process.stdout.write('Measuring in process (reminder tick, debrief)…\n');
  const tick = await reminderTickBench();
  const clocks = await deadlineTickBench();
  const debrief = await debriefBench();
  process.stdout.write('Measuring the customer side (webhook over HTTP, volume chart)…\n');
  const hook = await webhookBench(3000, 20);
  const chart = await chartBench(10_000);
  process.stdout.write('Measuring the report across crises…\n');
  const report = await reportBench();

  const latencyRows: Row[] = [];
  for (const command of ['list', 'help'] as const) {
    const { bot, bare, bareSameListeners: same } = http.latency[command];
    for (const p of ['p50', 'p95', 'p99'] as const) {
      const r = bot[p] / bare[p];
      latencyRows.push({
        measure: `/crisis ${command} ${p}`,
        figure: `${ms(bot[p])} · ${ms(bare[p])} (${ratio(r)}) · ${ms(same[p])} (${ratio(bot[p] / same[p])})`,
        target: 'bot ≤ 1.2× bare',
        met: r <= 1.2,
      });
    }
    if (command === 'list') {
      const many = http.listWithMany;
      latencyRows.push({ measure: `/crisis list, ${http.memory.openCrises} open crises`, figure: `p50 ${ms(many.p50)} · p95 ${ms(many.p95)} · p99 ${ms(many.p99)} (bot alone)` });
    }
    const failures = bot.failures + bare.failures + same.failures;
    if (failures > 0) latencyRows.push({ measure: `/crisis ${command} failed requests`, figure: `bot ${bot.failures}, bare ${bare.failures}, bare+listeners ${same.failures}` });
  }
  printTable(
    `Ack latency over HTTP, ${http.concurrency} concurrent, ${http.latency.list.bot.requests} requests per command per app. Figures: bot · bare Bolt app that only acks (bot ÷ bare) · bare Bolt app with the bot's ${http.listeners} listeners (bot ÷ it). The bot holds ${http.openCrises} open crises; list answers "${http.listShows}".`,
    latencyRows,
  );

  printDeclareLatency(slow);

  const d = http.declare;
  printTable(`Declare end to end against the emulator with no added latency (${d.runs} declares, one at a time)`, [
    { measure: 'ack → card pinned, median', figure: ms(d.ackToPinMedian) },
    { measure: 'request sent → card pinned, median', figure: ms(d.sendToPinMedian) },
    { measure: `emulator round trips for the same ${d.callsToPin} Web API calls in the same three waves, median`, figure: ms(d.emulatorRoundTripMedian) },
    { measure: 'our own share (ack → pin minus round trips)', figure: `${ms(d.ackToPinMedian - d.emulatorRoundTripMedian)} (${ratio(d.ackToPinMedian / d.emulatorRoundTripMedian)} of Slack time)` },
  ]);

  printTable('Our own work, in process with a stub Notifier (Slack time excluded)', [
    {
      measure: `reminder tick, ${tick.openCrises.toLocaleString('en')} open crises, ${tick.due} due: first tick`,
      figure: `${ms(tick.firstMs)} (sent ${tick.sentPerTick[0] ?? 0})`,
      target: '< 50 ms',
      met: tick.firstMs < 50,
    },
    {
      measure: `  same, median of ${tick.sentPerTick.length} ticks (later ones escalate)`,
      figure: `${ms(tick.medianMs)} (sent ${tick.sentPerTick.join('/')})`,
      target: '< 50 ms',
      met: tick.medianMs < 50,
    },
    {
      measure: `scheduler tick, ${clocks.openCrises.toLocaleString('en')} open crises × 3 clocks (${clocks.pendingAlerts.toLocaleString('en')} pending alerts), ${clocks.dueAlerts} deadline alerts + ${clocks.dueReminders} update reminders due: first tick`,
      figure: `${ms(clocks.firstMs)} (sent ${clocks.sentPerTick[0] ?? 0})`,
      target: '< 50 ms',
      met: clocks.firstMs < 50,
    },
    {
      measure: `  same, median of ${clocks.sentPerTick.length} ticks (the deadline alerts alone: ${ms(clocks.alertsMedianMs)})`,
      figure: `${ms(clocks.medianMs)} (sent ${clocks.sentPerTick.join('/')})`,
      target: '< 50 ms',
      met: clocks.medianMs < 50,
    },
    { measure: `debrief report of ${debrief.entries.toLocaleString('en')} timeline entries (query + build + Markdown)`, figure: ms(debrief.reportMs) },
    {
      measure: `debrief end to end (report + channel summary rendered, ${Math.round(debrief.bytes / 1024)} KiB)`,
      figure: ms(debrief.totalMs),
      target: '< 500 ms',
      met: debrief.totalMs < 500,
    },
  ]);

  printTable('Customer side', [
    {
      measure: `POST /hooks/volume, ${hook.concurrency} concurrent, ${hook.samples.toLocaleString('en')} signed samples (bot process, SQLite)`,
      figure: `${Math.round(hook.perSecond).toLocaleString('en')} samples/s · p50 ${ms(hook.p50)} · p95 ${ms(hook.p95)} · stored ${hook.stored.toLocaleString('en')} · failed ${hook.failures}`,
    },
    {
      measure: `debrief chart, ${chart.samples.toLocaleString('en')} samples: read + spec + PNG, median (first run ${ms(chart.firstMs)})`,
      figure: `${ms(chart.medianMs)} (${Math.round(chart.bytes / 1024)} KiB)`,
      target: '< 300 ms',
      met: chart.medianMs < 300,
    },
    { measure: '  of which drawing the PNG (Chart.js on @napi-rs/canvas)', figure: ms(chart.renderOnlyMs) },
  ]);
  printTable(`The report across crises: ${report.crises.toLocaleString('en')} crises over 90 days (+${report.drills} drills left out), ${report.timelineRows.toLocaleString('en')} timeline rows`, [
    { measure: 'report figures (aggregate queries + counts, medians, shares), first run', figure: ms(report.buildFirstMs), target: '< 1000 ms', met: report.buildFirstMs < 1000 },
    { measure: '  same, median of 5 runs', figure: ms(report.buildMedianMs), target: '< 1000 ms', met: report.buildMedianMs < 1000 },
    { measure: `\`/crisis report\` end to end, median (figures + ${Math.round(report.fileKiB)} KiB Markdown file + chart spec; DM and PNG stubbed)`, figure: ms(report.sendMedianMs), target: '< 1000 ms', met: report.sendMedianMs < 1000 },
  ]);

  printTable('Memory', [
    { measure: `bot resident memory, idle, ${http.memory.openCrises.toLocaleString('en')} open crises`, figure: `${http.memory.idleMiB.toFixed(1)} MiB` },
    { measure: `  same, after answering ${http.memory.afterRequests.toLocaleString('en')} /crisis list at ${http.concurrency} concurrent`, figure: `${http.memory.afterLoadMiB.toFixed(1)} MiB` },
  ]);
  process.stdout.write(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`The benchmark could not finish: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
