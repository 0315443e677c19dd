import ari from 'ari-client';
import type { PbxControl } from '../../telephony/simulator/index.js';
import type { CallerSide } from './inbound-call.js';

/** The caller, played by the simulator's control API. */
export class SimulatorCaller implements CallerSide {
  private channelId: string | undefined;

  constructor(private readonly control: PbxControl) {}

  async placeCall(call: { from: string; name: string }): Promise<void> {
    const placed = await this.control.placeCall({ from: call.from, callerName: call.name });
    if (!placed.stasis) throw new Error(`the call did not reach Stasis: ${placed.reason ?? ''}`);
    this.channelId = placed.channelId;
  }

  pressKeys(digits: string): Promise<void> {
    this.control.pressKeys(this.current(), digits);
    return Promise.resolve();
  }

  hangUp(): Promise<void> {
    this.control.hangup(this.current());
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private current(): string {
    if (!this.channelId) throw new Error('no call placed');
    return this.channelId;
  }
}

interface AriClientLike {
  on(event: string, fn: (...args: unknown[]) => void): void;
  start(app: string): Promise<void>;
  stop(): void;
  channels: Record<string, (args: Record<string, unknown>) => Promise<{ id: string }>>;
}

/**
 * The caller, played on a real Asterisk the way the trace was recorded: a second Stasis app
 * ("customer-sim") originates Local/1000@from-pstn; its `;1` half is the caller, the `;2` half
 * runs from-pstn into the app under test.
 */
export class AriCaller implements CallerSide {
  private client: AriClientLike | undefined;
  private channelId: string | undefined;

  constructor(
    private readonly url: string,
    private readonly username: string,
    private readonly password: string,
    private readonly app = 'customer-sim',
    private readonly endpoint = 'Local/1000@from-pstn',
  ) {}

  private async ready(): Promise<AriClientLike> {
    if (!this.client) {
      this.client = (await ari.connect(this.url, this.username, this.password)) as AriClientLike;
      await this.client.start(this.app);
    }
    return this.client;
  }

  async placeCall(call: { from: string; name: string }): Promise<void> {
    const client = await this.ready();
    const ch = await client.channels.originate!({
      endpoint: this.endpoint,
      app: this.app,
      callerId: `${call.name} <${call.from}>`,
    });
    this.channelId = ch.id;
  }

  async pressKeys(digits: string): Promise<void> {
    const client = await this.ready();
    await client.channels.sendDTMF!({ channelId: this.current(), dtmf: digits });
  }

  async hangUp(): Promise<void> {
    const client = await this.ready();
    await client.channels.hangup!({ channelId: this.current() });
  }

  close(): Promise<void> {
    this.client?.stop();
    return Promise.resolve();
  }

  private current(): string {
    if (!this.channelId) throw new Error('no call placed');
    return this.channelId;
  }
}
