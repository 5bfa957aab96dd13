/**
 * Declare as a team on a real workspace would wait for it: the bot as `npm start` runs it, against
 * the emulator answering every Web API call `latencyMs` late (120 ms stands in for Slack's 100–200).
 * For each declare: the time from sending the command to the pinned card and to the declare's last
 * Web API call answered, and the same two as round trips (how many calls had to wait for one
 * another, from the emulator's record). Targets: the card within 3 round trips, all within 4.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callDepths, SlackDriver, SlackEmulator } from '../src/emulator';
import { startBotProcess } from './processes';
import { median } from './stats';

const BOT_TOKEN = 'xoxb-bench-token-0000000000';
const SIGNING_SECRET = 'bench-signing-secret-0000';

export interface DeclareLatencyFigures {
  latencyMs: number;
  runs: number;
  /** Medians, in ms from sending the command. */
  toPinnedCardMs: number;
  toLastCallMs: number;
  /** Round trips (sequential waits), the same for every run. */
  toPinnedCardTrips: number;
  toLastCallTrips: number;
  /** The Web API calls of one declare, e.g. 9. */
  calls: number;
}

export async function declareLatencyBench(latencyMs = 120, runs = 10): Promise<DeclareLatencyFigures> {
  const emu = new SlackEmulator({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, latencyMs });
  await emu.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-bench-'));
  const bot = await startBotProcess({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: emu.apiUrl,
    DATABASE_PATH: path.join(dir, 'crisis.db'),
    CRISIS_ANNOUNCE_CHANNEL: 'C0ANNOUNCE',
  });
  try {
    const driver = new SlackDriver(emu, { botUrl: `http://127.0.0.1:${bot.port}/slack/events`, signingSecret: SIGNING_SECRET });
    const toPin: number[] = [];
    const toLast: number[] = [];
    const pinTrips = new Set<number>();
    const lastTrips = new Set<number>();
    let calls = 0;
    for (let i = 0; i < runs; i += 1) {
      const responses = emu.responses().length;
      emu.resetCalls();
      const sent = performance.now();
      const ack = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0GENERAL', text: `declare sev2 Latency bench ${i + 1}` });
      if (ack.status !== 200) throw new Error(`declare answered ${ack.status}`);
      // The reply comes once every call of the declare has answered.
      await emu.waitFor(() => emu.responses().length > responses, 30_000);
      const depths = callDepths(emu.calls());
      const pin = depths.find((d) => d.method === 'pins.add');
      if (!pin) throw new Error('the declare did not pin its card');
      const last = depths.reduce((a, b) => (b.call.answeredMs > a.call.answeredMs ? b : a));
      toPin.push(pin.call.answeredMs - sent);
      toLast.push(last.call.answeredMs - sent);
      pinTrips.add(pin.depth);
      lastTrips.add(Math.max(...depths.map((d) => d.depth)));
      calls = depths.length;
    }
    if (pinTrips.size !== 1 || lastTrips.size !== 1) throw new Error(`round trips varied between runs: ${[...pinTrips]} / ${[...lastTrips]}`);
    return {
      latencyMs,
      runs,
      toPinnedCardMs: median(toPin),
      toLastCallMs: median(toLast),
      toPinnedCardTrips: [...pinTrips][0] ?? Number.NaN,
      toLastCallTrips: [...lastTrips][0] ?? Number.NaN,
      calls,
    };
  } finally {
    await bot.stop();
    await emu.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
