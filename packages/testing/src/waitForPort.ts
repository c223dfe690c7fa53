import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

function tryConnect(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Resolves once something accepts TCP connections on host:port; rejects after `timeoutMs`. */
export async function waitForPort(port: number, host = '127.0.0.1', timeoutMs = 15_000, isAlive = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process serving port ${port} exited`);
    if (await tryConnect(port, host)) return;
    await sleep(25);
  }
  throw new Error(`nothing listening on ${host}:${port} after ${timeoutMs} ms`);
}
