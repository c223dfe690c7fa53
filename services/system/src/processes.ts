import { spawn, type ChildProcess } from 'node:child_process';

export interface Started {
  name: string;
  stop(): Promise<void>;
}

/** A started service process; `exited` settles when it ends, asked to or not. */
export interface StartedProcess extends Started {
  line: string;
  exited: Promise<void>;
}

export interface StartOptions {
  /** Called as soon as the process exists, so a stop during start-up reaches it too. */
  onSpawn?: (s: Started) => void;
  /** How long it may take to print its ready line (the API loads the demo city first). */
  readyWithinMs?: number;
}

/**
 * Starts one service as its own process (TypeScript through tsx, as everywhere), prefixes its
 * output with its name, and resolves once a line matches `ready` (or stops it and rejects when
 * none comes in time).
 */
export function startProcess(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, opts: StartOptions = {}): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => stopChild(child);
  opts.onSpawn?.({ name, stop });
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      void stop();
      reject(new Error(`${name} was not ready within ${opts.readyWithinMs ?? 300_000} ms`));
    }, opts.readyWithinMs ?? 300_000);
    const onLine = (line: string) => {
      if (!line) return;
      process.stdout.write(`[${name}] ${line}\n`);
      const m = ready.exec(line);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ name, line, exited, stop });
      }
    };
    for (const stream of [child.stdout!, child.stderr!]) {
      let buffered = '';
      stream.on('data', (b: Buffer) => {
        buffered += b.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!settled) {
        settled = true;
        reject(new Error(`${name} exited (${signal ?? code}) before it was ready`));
      } else {
        process.stdout.write(`[${name}] exited (${signal ?? code})\n`);
      }
    });
  });
}

/** SIGTERM, then SIGKILL after 5 s. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Stops what was started, in reverse order. */
export async function stopAll(started: Started[]): Promise<void> {
  for (const s of [...started].reverse()) await s.stop();
}
