/**
 * The worker thread behind PostgresSyncDatabase (postgres-sync.ts): it holds the process's one
 * connection to PostgreSQL and runs each query the main thread sends, then wakes the main thread
 * (Atomics.notify on a shared word) so it can read the answer with receiveMessageOnPort.
 *
 * It is plain JavaScript run with `new Worker(code, { eval: true })`: a worker loads files with
 * Node's own loader, which reads no TypeScript (under Jest the sources are not compiled to files).
 * `pg` is required by the path the main thread resolved, so it is the project's own copy. Every
 * statement is prepared by name once per connection (pg re-prepares on a new connection).
 *
 * Rows come back as SQLite gives them (the same parsers as postgres-client.ts): numbers for BIGINT
 * and NUMERIC, 1 and 0 for booleans, ISO text for timestamps. A connection that breaks is dropped
 * and the next query opens a new one.
 */
export const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, signal, options } = workerData;

function parserFor(oid, format) {
  if (format === 'binary') return pg.types.getTypeParser(oid, format);
  switch (oid) {
    case 20: case 1700: return (v) => Number(v);
    case 16: return (v) => (v === 't' ? 1 : 0);
    case 1184: return (v) => new Date(v).toISOString();
    case 1114: return (v) => new Date(v.replace(' ', 'T') + 'Z').toISOString();
    default: return pg.types.getTypeParser(oid, format);
  }
}

let client;
let connecting;

async function connection() {
  if (client) return client;
  if (!connecting) {
    const c = new pg.Client({
      connectionString: options.url,
      statement_timeout: options.statementTimeoutMs,
      lock_timeout: options.lockTimeoutMs,
      idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs,
      connectionTimeoutMillis: options.connectionTimeoutMs,
      application_name: 'crisis-bot',
      types: { getTypeParser: parserFor },
    });
    c.on('error', () => { if (client === c) client = undefined; });
    c.on('end', () => { if (client === c) client = undefined; });
    connecting = c.connect().then(() => { client = c; return c; }, (err) => { c.end().catch(() => {}); throw err; }).finally(() => { connecting = undefined; });
  }
  return connecting;
}

function answer(message) {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

// Each distinct statement is prepared once per connection, by name: the server parses and plans it
// once, and later runs only bind and execute (about half the time of an unnamed statement).
const names = new Map();
let nextName = 0;
function nameOf(text) {
  let name = names.get(text);
  if (!name) { name = 'crisis_' + (nextName++).toString(36); names.set(text, name); }
  return name;
}

async function run(c, text, values) {
  try {
    return await c.query({ name: nameOf(text), text, values });
  } catch (err) {
    // Another replica's migration changed a table under a prepared SELECT *: prepare it again.
    if (!(err && err.code === '0A000' && /cached plan must not change result type/.test(String(err.message)))) throw err;
    names.delete(text);
    return c.query({ name: nameOf(text), text, values });
  }
}

const BROKEN = /Connection terminated|connection ended|Client was closed|not queryable|ECONNRESET|EPIPE/i;

port.on('message', async (request) => {
  if (request.op === 'close') {
    const c = client;
    client = undefined;
    if (c) await c.end().catch(() => {});
    answer({ id: request.id, rows: [], rowCount: 0 });
    port.close();
    return;
  }
  try {
    const c = await connection();
    const result = await run(c, request.text, request.values);
    answer({ id: request.id, rows: result.rows || [], rowCount: result.rowCount || 0, command: result.command });
  } catch (err) {
    const message = err && err.message ? String(err.message) : String(err);
    if (client && BROKEN.test(message)) { const c = client; client = undefined; c.end().catch(() => {}); }
    answer({ id: request.id, error: { message, code: err && typeof err.code === 'string' ? err.code : undefined, name: err && err.name } });
  }
});
`;
