import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openEventStore } from '@shouwang/event-store';
import { liveReader } from './store/viewReader.js';
import { entityHistory } from './audit/entityHistory.js';
import { progressBar } from './audit/progress.js';
import { lastPosition, replayViews } from './audit/replay.js';
import { toCsv } from './queries/csv.js';
import { queryByName, viewQueries } from './queries/registry.js';

const usage = `Shouwang auditor's tool: replays the event history to a moment and prints a view.

  node --import tsx services/projector/src/audit-cli.ts view <name> [--at <position|ISO time>]
       [--param key=value ...] [--format json|csv|text] [--out <file>] [--connection <esdb://...>]
  node --import tsx services/projector/src/audit-cli.ts history <stream> [--connection <esdb://...>]

views: ${viewQueries.map((q) => q.name).join(', ')}
The store is ESDB_CONNECTION_STRING (or --connection). Progress goes to stderr, the view to stdout.
Example: audit-cli.ts view briefing --at 2022-04-30T16:00:00Z --param districtId=city \\
         --param from=2022-04-01T00:00:00Z --param to=2022-05-01T00:00:00Z --format text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${usage}\n`);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    at: { type: 'string' },
    param: { type: 'string', multiple: true, default: [] },
    format: { type: 'string', default: 'json' },
    out: { type: 'string' },
    connection: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const [command, subject] = positionals;
if (!command || !subject) fail('missing command or its subject');
const connectionString = values.connection ?? process.env.ESDB_CONNECTION_STRING;
if (!connectionString) fail('no store: set ESDB_CONNECTION_STRING or pass --connection');
if (!['json', 'csv', 'text'].includes(values.format)) fail('--format must be json, csv or text');

const emit = (body: string) => (values.out ? writeFileSync(values.out, body) : process.stdout.write(body));
const store = await openEventStore({ connectionString });
try {
  if (command === 'history') {
    emit(`${JSON.stringify({ stream: subject, events: await entityHistory(store, subject) }, null, 2)}\n`);
  } else if (command === 'view') {
    const query = queryByName.get(subject) ?? fail(`unknown view ${subject}`);
    const params: Record<string, string> = {};
    for (const p of values.param) {
      const i = p.indexOf('=');
      if (i < 1) fail(`--param ${p}: expected key=value`);
      params[p.slice(0, i)] = p.slice(i + 1);
    }
    const parsed = query.params.safeParse(params);
    if (!parsed.success) fail(`bad params: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    let until: { position: bigint } | { time: Date } | undefined;
    if (values.at !== undefined) {
      if (/^\d{1,20}$/.test(values.at)) until = { position: BigInt(values.at) };
      else if (!Number.isNaN(Date.parse(values.at))) until = { time: new Date(values.at) };
      else fail('--at must be a commit position or an ISO time');
    }
    const bar = progressBar(until && 'position' in until ? until.position : await lastPosition(store));
    const replay = await replayViews(store, { ...(until ? { until } : {}), onProgress: (p, n) => bar.update(p, n) });
    bar.done(replay.checkpoint.position ?? 0n, replay.checkpoint.events);
    // the replayed views are "now" at the moment replayed to: ages and shift ends are judged then
    // the last batch ends with the last event replayed
    const lastEventTime = replay.db.prepare('SELECT MAX(created_ms) AS ms FROM time_marks').get() as { ms: number | null };
    const now = until && 'time' in until ? until.time : new Date(lastEventTime.ms ?? Date.now());
    const reader = liveReader(replay.db, replay.checkpoint.position);
    const result = query.run(reader, parsed.data, { now });
    if (values.format === 'csv') emit(toCsv(query.rows(result)));
    else if (values.format === 'text') emit(`${query.text ? query.text(result) : fail(`${subject} has no text form`)}\n`);
    else emit(`${JSON.stringify({ view: subject, position: replay.checkpoint.position?.toString() ?? null, asOf: now.toISOString(), data: result }, null, 2)}\n`);
    replay.db.close();
  } else {
    fail(`unknown command ${command}`);
  }
} finally {
  await store.close();
}
