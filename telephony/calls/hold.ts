import { AriError } from '../ari/errors.js';
import type { Done } from '../ari/port.js';
import type { CallAri } from './ari.js';

/** A queue's shared holding bridge. */
export function queueHoldBridgeId(queueId: string): string {
  return `hold-q-${queueId.replace(/[^\w.-]/g, '_')}`;
}

/** Calls queued by an older version have a holding bridge of their own (`hold-<n>-<callId>`). */
export function isSharedHold(bridgeId: string): boolean {
  return bridgeId.startsWith('hold-q-');
}

/**
 * Callers wait in one holding bridge per queue, with music on hold, made the first time a
 * caller needs it and kept (a bridge per caller cost three more ARI requests a call: create,
 * music, destroy). Announcements are played to each caller's channel, so they stay private.
 * What this process knows to exist is forgotten on every (re)connection: a PBX that restarted
 * lost its bridges.
 */
export class HoldBridges {
  private readonly ready = new Map<string, Promise<void>>();

  constructor(
    private readonly ari: Pick<CallAri, 'createBridge' | 'startMoh' | 'addChannels'>,
    private readonly mohClass: string,
  ) {}

  forget(): void {
    this.ready.clear();
  }

  /** Puts a caller in the queue's bridge; a bridge the PBX lost meanwhile is made again once. */
  async join(bridgeId: string, queueId: string, channelId: string): Promise<Done> {
    await this.ensure(bridgeId, queueId);
    const first = await this.ari.addChannels(bridgeId, [channelId], { role: 'participant' });
    if (first === 'done') return first;
    // 404: the caller left, or the bridge is gone; trying once more on a fresh bridge tells.
    this.ready.delete(bridgeId);
    await this.ensure(bridgeId, queueId);
    return this.ari.addChannels(bridgeId, [channelId], { role: 'participant' });
  }

  private ensure(bridgeId: string, queueId: string): Promise<void> {
    let made = this.ready.get(bridgeId);
    if (!made) {
      made = this.make(bridgeId, queueId);
      this.ready.set(bridgeId, made);
      made.catch(() => this.ready.delete(bridgeId));
    }
    return made;
  }

  private async make(bridgeId: string, queueId: string): Promise<void> {
    try {
      await this.ari.createBridge({ bridgeId, type: 'holding', name: `queue ${queueId}` });
    } catch (err) {
      // Made before (another node, or this one before a restart) with its music already on:
      // starting the music again would restart it for everyone waiting.
      if (err instanceof AriError && err.code === 'conflict') return;
      throw err;
    }
    await this.ari.startMoh({ bridgeId }, this.mohClass);
  }
}
