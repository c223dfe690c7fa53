import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { once } from 'node:events';
import { freePort } from './freePort.js';
import { tempDir } from './tempDir.js';
import { waitForPort } from './waitForPort.js';

/** A nats-server of our own (JetStream on, loopback, temp store dir). */
export interface NatsServerHandle {
  url: string;
  port: number;
  storeDir: string;
  /** Graceful stop (SIGTERM), waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL, waits for the process to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port and store dir (after stop or kill). */
  restart(): Promise<void>;
}

const live = new Set<ChildProcess>();
let hooked = false;

/** The nats-server binary: on PATH, else /usr/sbin (Debian's package puts it there). */
export function natsServerBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const d of dirs) {
    if (d && existsSync(join(d, 'nats-server'))) return join(d, 'nats-server');
  }
  throw new Error('nats-server not found on PATH or in /usr/sbin; run scripts/setup');
}

async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}

export async function startNatsServer(opts: { port?: number; storeDir?: string } = {}): Promise<NatsServerHandle> {
  const port = opts.port ?? (await freePort());
  const storeDir = opts.storeDir ?? tempDir('shouwang-nats-');
  const bin = natsServerBinary();
  let child: ChildProcess | undefined;

  if (!hooked) {
    hooked = true;
    process.on('exit', () => {
      for (const c of live) c.kill('SIGKILL');
    });
  }

  const launch = async () => {
    const c = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    c.stderr?.on('data', (b: Buffer) => {
      log = (log + b.toString()).slice(-4000);
    });
    live.add(c);
    c.once('exit', () => live.delete(c));
    child = c;
    try {
      await waitForPort(port, '127.0.0.1', 15_000, () => c.exitCode === null && c.signalCode === null);
    } catch (err) {
      c.kill('SIGKILL');
      throw new Error(`nats-server did not start: ${(err as Error).message}\n${log}`);
    }
  };

  await launch();
  const signal = async (sig: NodeJS.Signals) => {
    const c = child;
    if (!c) return;
    c.kill(sig);
    await exited(c);
  };
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    restart: async () => {
      if (child && child.exitCode === null && child.signalCode === null) await signal('SIGTERM');
      await launch();
    },
  };
}
