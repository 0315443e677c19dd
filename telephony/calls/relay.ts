import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { CallError, type CallErrorCode } from './errors.js';
import type { CallKeys } from './keys.js';
import type { CallLogger } from './log.js';

interface Envelope {
  id: string;
  from: string;
  command: unknown;
}

interface Reply {
  id: string;
  ok: boolean;
  result?: unknown;
  error?: { code: CallErrorCode; message: string };
}

/**
 * Commands for calls (agent hang-up, transfer, recording, supervisor monitor, ACD offers) can
 * arise on any node, but only the node holding the lease drives the PBX. A node that does not
 * drive publishes the command; the driving node runs it and publishes the answer back.
 */
export class CommandRelay<C> {
  private readonly pending = new Map<
    string,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }
  >();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly keys: CallKeys,
    private readonly nodeId: string,
    private readonly isDriving: () => boolean,
    private readonly exec: (command: C) => Promise<unknown>,
    private readonly logger: CallLogger,
    private readonly timeoutMs = 5_000,
  ) {}

  async start(): Promise<void> {
    this.sub.on('message', (channel: string, message: string) => {
      this.onMessage(channel, message);
    });
    await this.sub.subscribe(this.keys.commands, this.keys.replies(this.nodeId));
  }

  async stop(): Promise<void> {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new CallError('unavailable', 'telephony is stopping'));
    }
    this.pending.clear();
    await this.sub.unsubscribe().catch((err: unknown) => {
      this.logger.warn({ err }, 'command relay unsubscribe failed');
    });
  }

  /** Runs the command here when this node drives, else on the driving node. */
  async send(command: C): Promise<unknown> {
    if (this.isDriving()) return this.exec(command);
    const id = randomUUID();
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CallError('unavailable', 'no server node is driving telephony right now'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
    const envelope: Envelope = { id, from: this.nodeId, command };
    await this.pub.publish(this.keys.commands, JSON.stringify(envelope));
    return answer;
  }

  private onMessage(channel: string, message: string): void {
    try {
      if (channel === this.keys.commands) {
        if (!this.isDriving()) return;
        const env = JSON.parse(message) as Envelope;
        void this.execAndReply(env);
      } else if (channel === this.keys.replies(this.nodeId)) {
        const reply = JSON.parse(message) as Reply;
        const p = this.pending.get(reply.id);
        if (!p) return;
        this.pending.delete(reply.id);
        clearTimeout(p.timer);
        if (reply.ok) p.resolve(reply.result);
        else
          p.reject(
            new CallError(reply.error?.code ?? 'unavailable', reply.error?.message ?? 'failed'),
          );
      }
    } catch (err) {
      this.logger.error({ err, channel }, 'bad message on the command relay');
    }
  }

  private async execAndReply(env: Envelope): Promise<void> {
    let reply: Reply;
    try {
      reply = { id: env.id, ok: true, result: await this.exec(env.command as C) };
    } catch (err) {
      const code = err instanceof CallError ? err.code : 'unavailable';
      const message = err instanceof CallError ? err.message : 'the command failed';
      if (!(err instanceof CallError)) this.logger.error({ err }, 'relayed command failed');
      reply = { id: env.id, ok: false, error: { code, message } };
    }
    await this.pub.publish(this.keys.replies(env.from), JSON.stringify(reply));
  }
}
