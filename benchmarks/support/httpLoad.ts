/**
 * An HTTP load generator in its own process, as a tool like wrk or autocannon would be, so the
 * server under test does not share its event loop with the client that measures it.
 * `runLoad` forks this file; the child sends `requests` from `connections` keep-alive sockets
 * and answers with throughput and latency percentiles.
 */
import http from 'node:http';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadPlan {
  port: number;
  connections: number;
  headers: Record<string, string>;
  requests: { path: string; body: string }[];
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

const self = fileURLToPath(import.meta.url);

/** Throughput and latency percentiles of `latencies` (ms) completed in `seconds`. */
export function resultOf(latencies: number[], seconds: number, statuses: Record<number, number> = {}): LoadResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), statuses };
}

/** Runs `plan` from a child process and resolves with what it measured. */
export function runLoad(plan: LoadPlan): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(self, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => {
      resolve(m as LoadResult);
      child.disconnect();
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(plan);
  });
}

async function load(plan: LoadPlan): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: plan.connections });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  const one = ({ path, body }: { path: string; body: string }) =>
    new Promise<void>((resolve, reject) => {
      const started = process.hrtime.bigint();
      const headers = { ...plan.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request({ host: '127.0.0.1', port: plan.port, path, method: 'POST', agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
          statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    for (let i = next++; i < plan.requests.length; i = next++) await one(plan.requests[i]!);
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: plan.connections }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return resultOf(latencies, seconds, statuses);
}

if (process.argv[1] === self && process.send) {
  process.once('message', (plan) => {
    load(plan as LoadPlan).then(
      (result) => process.send!(result),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
