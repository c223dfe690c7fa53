import { createInbox, type MsgHdrs, type NatsConnection, type Subscription, type Msg } from 'nats';

/** JetStream's answer to one publish. */
export interface PublishAck {
  seq: number;
  duplicate: boolean;
}

/** A publish JetStream refused; `errCode` 10071 = not at the expected last sequence. */
export class PublishRefusedError extends Error {
  constructor(
    message: string,
    readonly errCode: number | undefined,
  ) {
    super(message);
    this.name = 'PublishRefusedError';
  }
}

interface Pending {
  resolve: (a: PublishAck) => void;
  reject: (e: Error) => void;
  deadline: number;
}

/**
 * JetStream publishes with many acks outstanding: each publish carries its own reply subject under
 * one inbox subscription, so a publish costs one core-NATS message instead of a request object,
 * timer and error stack per message (the request path of `js.publish`).
 */
export class AckPipeline {
  private readonly inbox = createInbox();
  private readonly pending = new Map<string, Pending>();
  private readonly sub: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.sub = nc.subscribe(`${this.inbox}.*`, { callback: (_err, msg) => this.onReply(msg) });
    this.sweeper = setInterval(() => this.expire(), Math.min(250, timeoutMs)).unref();
  }

  /** Publishes and resolves with JetStream's ack, in the order sent. */
  publish(subject: string, data: Uint8Array, headers: MsgHdrs): Promise<PublishAck> {
    const token = (this.next++).toString(36);
    return new Promise<PublishAck>((resolve, reject) => {
      this.pending.set(token, { resolve, reject, deadline: performance.now() + this.timeoutMs });
      try {
        this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      } catch (err) {
        this.pending.delete(token);
        reject(err as Error);
      }
    });
  }

  get size(): number {
    return this.pending.size;
  }

  close(): void {
    clearInterval(this.sweeper);
    this.sub.unsubscribe();
    this.failAll(new Error('publisher closed'));
  }

  private onReply(msg: Msg): void {
    const token = msg.subject.slice(this.inbox.length + 1);
    const p = this.pending.get(token);
    if (!p) return;
    this.pending.delete(token);
    if (msg.headers?.hasError) {
      p.reject(new PublishRefusedError(`publish failed: ${msg.headers.code} ${msg.headers.description}`, undefined));
      return;
    }
    try {
      const r = JSON.parse(new TextDecoder().decode(msg.data)) as {
        seq?: number;
        duplicate?: boolean;
        error?: { err_code?: number; description?: string };
      };
      if (r.error) p.reject(new PublishRefusedError(r.error.description ?? 'publish refused', r.error.err_code));
      else if (typeof r.seq === 'number') p.resolve({ seq: r.seq, duplicate: r.duplicate === true });
      else p.reject(new PublishRefusedError('ack without a sequence', undefined));
    } catch (err) {
      p.reject(err as Error);
    }
  }

  private expire(): void {
    const now = performance.now();
    for (const [token, p] of this.pending) {
      if (p.deadline > now) break; // insertion order = deadline order (monotonic clock)
      this.pending.delete(token);
      p.reject(new PublishRefusedError('publish timed out', undefined));
    }
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}
