import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import {
  connectWithAriClient,
  operation,
  resourceInstance,
  type AriOperation,
  type ConnectFn,
} from './client-view.js';
import { AriConnection } from './connection.js';
import { SafeHandlers } from './dispatch.js';
import { AriError, classifyAriFailure, type AriErrorCode } from './errors.js';
import { AriEventShapeError, parseAriEvent, type AriEvent } from './events.js';
import type { AriLogger } from './logger.js';
import {
  GONE,
  type AriPort,
  type AriTarget,
  type ConnectionInfo,
  type Done,
  type Gone,
  type HangupReason,
  type OriginateRequest,
  type RecordRequest,
  type SnoopRequest,
} from './port.js';
import { httpPreflight, type PreflightFn } from './preflight.js';
import {
  applicationSchema,
  bridgeSchema,
  channelSchema,
  liveRecordingSchema,
  pingSchema,
  type AriApplication,
  type AriBridge,
  type AriChannel,
  type AriLiveRecording,
} from './types.js';

export interface AriPortOptions {
  /** ARI base URL (ARI_URL), e.g. http://pbx:8088. */
  url: string;
  username: string;
  password: string;
  /** Stasis application name (ARI_APP). */
  app: string;
  logger: AriLogger;
  /** A REST call that takes longer fails with AriError 'unavailable'. */
  requestTimeoutMs?: number;
  backoff?: BackoffPolicy;
  heartbeatMs?: number;
  /** For tests: replace ari-client's connect or the pre-connection check. */
  connect?: ConnectFn;
  preflight?: PreflightFn;
}

const CHANNEL_GONE: AriErrorCode[] = ['not-found', 'not-in-stasis'];

/** The ARI port implemented over the ari-client npm package. */
export class AriClientPort implements AriPort {
  readonly app: string;
  private readonly conn: AriConnection;
  private readonly events: SafeHandlers<AriEvent>;
  private readonly timeoutMs: number;

  constructor(private readonly o: AriPortOptions) {
    if (!/^[A-Za-z0-9_-]+$/.test(o.app))
      throw new AriError('invalid', 'ARI app name: letters, digits, "-" and "_" only');
    try {
      new URL(o.url);
    } catch {
      throw new AriError('invalid', 'ARI URL is not a valid URL');
    }
    this.app = o.app;
    this.timeoutMs = o.requestTimeoutMs ?? 10_000;
    this.events = new SafeHandlers(o.logger, 'ARI event');
    this.conn = new AriConnection({
      url: o.url,
      username: o.username,
      password: o.password,
      app: o.app,
      logger: o.logger,
      connect: o.connect ?? connectWithAriClient,
      preflight: o.preflight ?? httpPreflight,
      backoff: o.backoff ?? DEFAULT_BACKOFF,
      ...(o.heartbeatMs !== undefined ? { heartbeatMs: o.heartbeatMs } : {}),
    });
    this.conn.rawEvents.add((raw) => this.deliver(raw));
  }

  get connected(): boolean {
    return this.conn.connected;
  }

  start(): void {
    this.conn.start();
  }

  stop(): Promise<void> {
    this.conn.stop();
    return Promise.resolve();
  }

  onEvent(handler: (event: AriEvent) => void | Promise<void>): () => void {
    return this.events.add(handler);
  }

  onConnected(handler: (info: ConnectionInfo) => void | Promise<void>): () => void {
    return this.conn.up.add(handler);
  }

  onDisconnected(handler: (info: { reason: string }) => void | Promise<void>): () => void {
    return this.conn.down.add(handler);
  }

  private deliver(raw: unknown): void {
    let event: AriEvent;
    try {
      event = parseAriEvent(raw);
    } catch (err) {
      const type = err instanceof AriEventShapeError ? err.eventType : 'unknown';
      this.o.logger.error({ err, eventType: type }, 'ARI event ignored: unexpected shape');
      return;
    }
    this.events.emit(event, () => ({ eventType: event.type }));
  }

  /** One REST operation through ari-client, with a timeout and classified failures. */
  private async call(
    resource: string,
    nickname: string,
    args: Record<string, unknown>,
    instance?: unknown,
  ): Promise<unknown> {
    const client = this.conn.client;
    if (!client)
      throw new AriError('not-connected', `${resource}.${nickname}: not connected to ARI`);
    const what = `${resource}.${nickname}`;
    try {
      const op: AriOperation = operation(client, resource, nickname);
      return await this.withTimeout(op(args, instance), what);
    } catch (err) {
      throw classifyAriFailure(err, what);
    }
  }

  private async withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new AriError('unavailable', `${what}: no answer in ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
          timer.unref();
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Runs an operation whose only failure worth reporting is not "it is already gone". */
  private async done(
    resource: string,
    nickname: string,
    args: Record<string, unknown>,
    gone = CHANNEL_GONE,
  ): Promise<Done> {
    try {
      await this.call(resource, nickname, args);
      return 'done';
    } catch (err) {
      if (err instanceof AriError && gone.includes(err.code)) return GONE;
      throw err;
    }
  }

  private parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
    const r = schema.safeParse(value);
    if (!r.success)
      throw new AriError(
        'failed',
        `${what}: unexpected reply from ARI (${r.error.issues[0]?.message ?? ''})`,
      );
    return r.data;
  }

  async ping(): Promise<{ latencyMs: number; asteriskId: string }> {
    const started = Date.now();
    const reply = this.parse(pingSchema, await this.call('asterisk', 'ping', {}), 'asterisk.ping');
    return { latencyMs: Date.now() - started, asteriskId: reply.asterisk_id };
  }

  answer(channelId: string): Promise<Done> {
    return this.done('channels', 'answer', { channelId });
  }

  hangup(channelId: string, reason?: HangupReason): Promise<Done> {
    return this.done('channels', 'hangup', { channelId, ...(reason ? { reason } : {}) });
  }

  async play(
    target: AriTarget,
    media: string[],
    opts: { playbackId?: string; lang?: string } = {},
  ): Promise<string | Gone> {
    if (media.length === 0) throw new AriError('invalid', 'play: no media given');
    const playbackId = opts.playbackId ?? randomUUID();
    const args = { media, playbackId, ...(opts.lang ? { lang: opts.lang } : {}) };
    const result =
      'channelId' in target
        ? await this.done('channels', 'play', { channelId: target.channelId, ...args })
        : await this.done('bridges', 'play', { bridgeId: target.bridgeId, ...args });
    return result === 'done' ? playbackId : GONE;
  }

  stopPlayback(playbackId: string): Promise<Done> {
    return this.done('playbacks', 'stop', { playbackId }, ['not-found']);
  }

  setVariable(channelId: string, name: string, value: string): Promise<Done> {
    return this.done('channels', 'setChannelVar', { channelId, variable: name, value });
  }

  async getVariable(channelId: string, name: string): Promise<string | undefined | Gone> {
    try {
      const reply = await this.call('channels', 'getChannelVar', { channelId, variable: name });
      return this.parse(z.object({ value: z.string() }), reply, 'channels.getChannelVar').value;
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found' && /variable/i.test(err.message))
        return undefined;
      if (err instanceof AriError && CHANNEL_GONE.includes(err.code)) return GONE;
      throw err;
    }
  }

  async createBridge(opts: {
    type: 'mixing' | 'holding';
    bridgeId?: string;
    name?: string;
  }): Promise<AriBridge> {
    const reply = await this.call('bridges', 'create', {
      type: opts.type,
      bridgeId: opts.bridgeId ?? randomUUID(),
      ...(opts.name !== undefined ? { name: opts.name } : {}),
    });
    return this.parse(bridgeSchema, reply, 'bridges.create');
  }

  destroyBridge(bridgeId: string): Promise<Done> {
    return this.done('bridges', 'destroy', { bridgeId }, ['not-found']);
  }

  addChannels(bridgeId: string, channelIds: string[], opts: { role?: string } = {}): Promise<Done> {
    if (channelIds.length === 0) throw new AriError('invalid', 'addChannels: no channel given');
    return this.done('bridges', 'addChannel', {
      bridgeId,
      channel: channelIds,
      ...(opts.role ? { role: opts.role } : {}),
    });
  }

  async removeChannel(bridgeId: string, channelId: string): Promise<Done> {
    try {
      return await this.done('bridges', 'removeChannel', { bridgeId, channel: [channelId] });
    } catch (err) {
      // 422 "Channel not in this bridge": it has left already.
      if (err instanceof AriError && /not in this bridge/i.test(err.message)) return GONE;
      throw err;
    }
  }

  startMoh(target: AriTarget, mohClass?: string): Promise<Done> {
    const cls = mohClass ? { mohClass } : {};
    return 'channelId' in target
      ? this.done('channels', 'startMoh', { channelId: target.channelId, ...cls })
      : this.done('bridges', 'startMoh', { bridgeId: target.bridgeId, ...cls });
  }

  stopMoh(target: AriTarget): Promise<Done> {
    return 'channelId' in target
      ? this.done('channels', 'stopMoh', { channelId: target.channelId })
      : this.done('bridges', 'stopMoh', { bridgeId: target.bridgeId });
  }

  async recordBridge(
    bridgeId: string,
    name: string,
    opts: RecordRequest = {},
  ): Promise<AriLiveRecording | Gone> {
    const client = this.conn.client;
    if (!client) throw new AriError('not-connected', 'bridges.record: not connected to ARI');
    // ari-client names the recording after the LiveRecording instance passed in, whatever the
    // `name` option says (see the trace's README); so the instance carries the name.
    const recording = resourceInstance(client, 'LiveRecording', name);
    const bridge = resourceInstance(client, 'Bridge', bridgeId);
    const record = bridge.record;
    if (typeof record !== 'function')
      throw new AriError('failed', 'ARI offers no bridges.record operation');
    const args = {
      name,
      format: 'wav',
      ifExists: opts.ifExists ?? 'fail',
      beep: false,
      terminateOn: 'none',
      ...(opts.maxDurationSeconds !== undefined
        ? { maxDurationSeconds: opts.maxDurationSeconds }
        : {}),
    };
    try {
      const reply = await this.withTimeout(
        (record as AriOperation).call(bridge, args, recording),
        'bridges.record',
      );
      return this.parse(liveRecordingSchema, reply, 'bridges.record');
    } catch (err) {
      const e = classifyAriFailure(err, 'bridges.record');
      if (e.code === 'not-found') return GONE;
      throw e;
    }
  }

  pauseRecording(name: string): Promise<Done> {
    return this.done('recordings', 'pause', { recordingName: name }, ['not-found']);
  }

  unpauseRecording(name: string): Promise<Done> {
    return this.done('recordings', 'unpause', { recordingName: name }, ['not-found']);
  }

  stopRecording(name: string): Promise<Done> {
    return this.done('recordings', 'stop', { recordingName: name }, ['not-found']);
  }

  async snoop(channelId: string, req: SnoopRequest): Promise<AriChannel | Gone> {
    try {
      const reply = await this.call('channels', 'snoopChannel', {
        channelId,
        spy: req.spy,
        whisper: req.whisper,
        app: req.app ?? this.app,
        appArgs: req.appArgs.join(','),
        snoopId: req.snoopId ?? randomUUID(),
      });
      return this.parse(channelSchema, reply, 'channels.snoopChannel');
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return GONE;
      throw err;
    }
  }

  async originate(req: OriginateRequest): Promise<AriChannel> {
    const args: Record<string, unknown> = { endpoint: req.endpoint };
    if (req.dialplan) {
      args.context = req.dialplan.context;
      args.extension = req.dialplan.extension;
      if (req.dialplan.priority !== undefined) args.priority = req.dialplan.priority;
    } else {
      args.app = req.app ?? this.app;
      if (req.appArgs?.length) args.appArgs = req.appArgs.join(',');
    }
    if (req.callerId) args.callerId = req.callerId;
    if (req.timeoutSeconds !== undefined) args.timeout = req.timeoutSeconds;
    if (req.channelId) args.channelId = req.channelId;
    if (req.otherChannelId) args.otherChannelId = req.otherChannelId;
    if (req.variables && Object.keys(req.variables).length) args.variables = req.variables;
    return this.parse(
      channelSchema,
      await this.call('channels', 'originate', args),
      'channels.originate',
    );
  }

  continueInDialplan(
    channelId: string,
    to: { context?: string; extension?: string; priority?: number; label?: string } = {},
  ): Promise<Done> {
    return this.done('channels', 'continueInDialplan', { channelId, ...to });
  }

  async listChannels(): Promise<AriChannel[]> {
    return this.parse(
      z.array(channelSchema),
      await this.call('channels', 'list', {}),
      'channels.list',
    );
  }

  async getChannel(channelId: string): Promise<AriChannel | undefined> {
    try {
      return this.parse(
        channelSchema,
        await this.call('channels', 'get', { channelId }),
        'channels.get',
      );
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return undefined;
      throw err;
    }
  }

  async getBridge(bridgeId: string): Promise<AriBridge | undefined> {
    try {
      return this.parse(
        bridgeSchema,
        await this.call('bridges', 'get', { bridgeId }),
        'bridges.get',
      );
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return undefined;
      throw err;
    }
  }

  async getApplication(): Promise<AriApplication> {
    const reply = await this.call('applications', 'get', { applicationName: this.app });
    return this.parse(applicationSchema, reply, 'applications.get');
  }
}
