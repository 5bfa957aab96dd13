/**
 * A small load generator: signed `/crisis` slash commands fired at an app by N concurrent workers
 * over keep-alive connections, timing each from the first byte sent to the last byte of the ack.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { slackSignature } from '../src/emulator';

export interface LoadResult {
  latencies: number[];
  failures: number;
  /** A sample ack body, to show what was answered. */
  sample: string;
}

let triggerSeq = 0;

function commandBody(text: string): string {
  triggerSeq += 1;
  return new URLSearchParams({
    token: 'bench-verification-token',
    team_id: 'T0CRISIS',
    team_domain: 'crisis-emulated',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    user_id: 'U0ALICE',
    user_name: 'alice',
    command: '/crisis',
    text,
    api_app_id: 'A0CRISIS',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/bench',
    trigger_id: `${triggerSeq}.${process.pid}.bench`,
  }).toString();
}

function post(agent: http.Agent, port: number, body: string, signingSecret: string): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'Content-Length': String(payload.length),
          'X-Slack-Request-Timestamp': String(timestamp),
          'X-Slack-Signature': slackSignature(signingSecret, timestamp, body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function fireCommands(port: number, signingSecret: string, text: string, total: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let sample = '';
  let issued = 0;
  const worker = async (): Promise<void> => {
    while (issued < total) {
      issued += 1;
      const body = commandBody(text);
      const start = performance.now();
      try {
        const res = await post(agent, port, body, signingSecret);
        latencies.push(performance.now() - start);
        if (res.status !== 200) failures += 1;
        else sample ||= res.body;
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { latencies, failures, sample };
}
