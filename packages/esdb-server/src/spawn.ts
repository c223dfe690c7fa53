import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** `shouwang-esdb` running as its own process. */
export interface EsdbProcess {
  port: number;
  connectionString: string;
  child: ChildProcess;
  /** SIGTERM, waits for the exit. */
  stop(): Promise<void>;
  /** SIGKILL, waits for the exit: a crash at an arbitrary moment. */
  kill(): Promise<void>;
}

/**
 * Starts the `shouwang-esdb` command with `args` (e.g. `--port 0 --data-dir <dir>`) as a child
 * process and resolves once it listens — for crash tests and benchmarks that need the store
 * outside their own process.
 */
export async function spawnEsdbProcess(args: string[]): Promise<EsdbProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const connectionString = await new Promise<string>((resolve, reject) => {
    // The pipes are read for as long as the child runs (a full pipe would stall it), but only
    // the tail is kept: a long benchmark must not grow this string without bound.
    let out = '';
    let listening = false;
    const keep = (b: Buffer) => (out = (out + b.toString()).slice(-8000));
    child.stdout!.on('data', (b: Buffer) => {
      if (listening) return;
      keep(b);
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        listening = true;
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (b: Buffer) => {
      if (!listening) keep(b);
    });
    child.once('exit', (code) => reject(new Error(`shouwang-esdb exited (${code}) before listening: ${out}`)));
  });
  const exit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return {
    port: Number(new URL(connectionString.replace('esdb://', 'http://')).port),
    connectionString,
    child,
    stop: () => exit('SIGTERM'),
    kill: () => exit('SIGKILL'),
  };
}
