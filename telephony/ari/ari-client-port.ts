import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { connectWithAriClient, type ConnectFn } from './client-view.js';
import { AriConnection } from './connection.js';
import { SafeHandlers } from './dispatch.js';
import { AriError, type AriErrorCode } from './errors.js';
import { AriRest, type QueryValue } from './rest.js';
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

/**
 * The ARI port: the connection and its events through the ari-client npm package, the REST
 * requests through our own keep-alive transport (rest.ts).
 */
export class AriClientPort implements AriPort {
  readonly app: string;
  private readonly conn: AriConnection;
  private readonly events: SafeHandlers<AriEvent>;
  private readonly rest: AriRest;

  constructor(private readonly o: AriPortOptions) {
    if (!/^[A-Za-z0-9_-]+$/.test(o.app))
      throw new AriError('invalid', 'ARI app name: letters, digits, "-" and "_" only');
    try {
      new URL(o.url);
    } catch {
      throw new AriError('invalid', 'ARI URL is not a valid URL');
    }
    this.app = o.app;
    this.rest = new AriRest({
      url: o.url,
      username: o.username,
      password: o.password,
      timeoutMs: o.requestTimeoutMs ?? 10_000,
    });
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
    this.rest.close();
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

  /** One REST request, refused while the events socket is not up (as ari-client's were). */
  private call(
    what: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    query?: Record<string, QueryValue>,
    body?: unknown,
  ): Promise<unknown> {
    if (!this.conn.client)
      return Promise.reject(new AriError('not-connected', `${what}: not connected to ARI`));
    return this.rest.request(what, method, path, query, body);
  }

  /** Runs a request whose only failure worth reporting is not "it is already gone". */
  private async done(
    what: string,
    method: 'POST' | 'DELETE',
    path: string,
    query?: Record<string, QueryValue>,
    gone = CHANNEL_GONE,
  ): Promise<Done> {
    try {
      await this.call(what, method, path, query);
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
    const reply = this.parse(
      pingSchema,
      await this.call('asterisk.ping', 'GET', '/asterisk/ping'),
      'asterisk.ping',
    );
    return { latencyMs: Date.now() - started, asteriskId: reply.asterisk_id };
  }

  answer(channelId: string): Promise<Done> {
    return this.done('channels.answer', 'POST', `/channels/${enc(channelId)}/answer`);
  }

  hangup(channelId: string, reason?: HangupReason): Promise<Done> {
    return this.done('channels.hangup', 'DELETE', `/channels/${enc(channelId)}`, { reason });
  }

  async play(
    target: AriTarget,
    media: string[],
    opts: { playbackId?: string; lang?: string } = {},
  ): Promise<string | Gone> {
    if (media.length === 0) throw new AriError('invalid', 'play: no media given');
    const playbackId = opts.playbackId ?? randomUUID();
    const query = { media, lang: opts.lang || undefined, playbackId };
    const result =
      'channelId' in target
        ? await this.done('channels.play', 'POST', `/channels/${enc(target.channelId)}/play`, query)
        : await this.done('bridges.play', 'POST', `/bridges/${enc(target.bridgeId)}/play`, query);
    return result === 'done' ? playbackId : GONE;
  }

  stopPlayback(playbackId: string): Promise<Done> {
    return this.done('playbacks.stop', 'DELETE', `/playbacks/${enc(playbackId)}`, {}, [
      'not-found',
    ]);
  }

  setVariable(channelId: string, name: string, value: string): Promise<Done> {
    return this.done('channels.setChannelVar', 'POST', `/channels/${enc(channelId)}/variable`, {
      variable: name,
      value,
    });
  }

  async getVariable(channelId: string, name: string): Promise<string | undefined | Gone> {
    const what = 'channels.getChannelVar';
    try {
      const reply = await this.call(what, 'GET', `/channels/${enc(channelId)}/variable`, {
        variable: name,
      });
      return this.parse(z.object({ value: z.string() }), reply, what).value;
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
    const reply = await this.call('bridges.create', 'POST', '/bridges', {
      type: opts.type,
      bridgeId: opts.bridgeId ?? randomUUID(),
      name: opts.name,
    });
    return this.parse(bridgeSchema, reply, 'bridges.create');
  }

  destroyBridge(bridgeId: string): Promise<Done> {
    return this.done('bridges.destroy', 'DELETE', `/bridges/${enc(bridgeId)}`, {}, ['not-found']);
  }

  addChannels(bridgeId: string, channelIds: string[], opts: { role?: string } = {}): Promise<Done> {
    if (channelIds.length === 0) throw new AriError('invalid', 'addChannels: no channel given');
    return this.done('bridges.addChannel', 'POST', `/bridges/${enc(bridgeId)}/addChannel`, {
      channel: channelIds,
      role: opts.role || undefined,
    });
  }

  async removeChannel(bridgeId: string, channelId: string): Promise<Done> {
    try {
      return await this.done(
        'bridges.removeChannel',
        'POST',
        `/bridges/${enc(bridgeId)}/removeChannel`,
        { channel: channelId },
      );
    } catch (err) {
      // 422 "Channel not in this bridge": it has left already.
      if (err instanceof AriError && /not in this bridge/i.test(err.message)) return GONE;
      throw err;
    }
  }

  startMoh(target: AriTarget, mohClass?: string): Promise<Done> {
    const query = { mohClass: mohClass || undefined };
    return 'channelId' in target
      ? this.done('channels.startMoh', 'POST', `/channels/${enc(target.channelId)}/moh`, query)
      : this.done('bridges.startMoh', 'POST', `/bridges/${enc(target.bridgeId)}/moh`, query);
  }

  stopMoh(target: AriTarget): Promise<Done> {
    return 'channelId' in target
      ? this.done('channels.stopMoh', 'DELETE', `/channels/${enc(target.channelId)}/moh`)
      : this.done('bridges.stopMoh', 'DELETE', `/bridges/${enc(target.bridgeId)}/moh`);
  }

  async recordBridge(
    bridgeId: string,
    name: string,
    opts: RecordRequest = {},
  ): Promise<AriLiveRecording | Gone> {
    try {
      const reply = await this.call('bridges.record', 'POST', `/bridges/${enc(bridgeId)}/record`, {
        name,
        format: 'wav',
        maxDurationSeconds: opts.maxDurationSeconds,
        ifExists: opts.ifExists ?? 'fail',
        beep: false,
        terminateOn: 'none',
      });
      return this.parse(liveRecordingSchema, reply, 'bridges.record');
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return GONE;
      throw err;
    }
  }

  pauseRecording(name: string): Promise<Done> {
    return this.done('recordings.pause', 'POST', `/recordings/live/${enc(name)}/pause`, {}, [
      'not-found',
    ]);
  }

  unpauseRecording(name: string): Promise<Done> {
    return this.done('recordings.unpause', 'DELETE', `/recordings/live/${enc(name)}/pause`, {}, [
      'not-found',
    ]);
  }

  stopRecording(name: string): Promise<Done> {
    return this.done('recordings.stop', 'POST', `/recordings/live/${enc(name)}/stop`, {}, [
      'not-found',
    ]);
  }

  async snoop(channelId: string, req: SnoopRequest): Promise<AriChannel | Gone> {
    try {
      const reply = await this.call(
        'channels.snoopChannel',
        'POST',
        `/channels/${enc(channelId)}/snoop`,
        {
          spy: req.spy,
          whisper: req.whisper,
          app: req.app ?? this.app,
          appArgs: req.appArgs.join(','),
          snoopId: req.snoopId ?? randomUUID(),
        },
      );
      return this.parse(channelSchema, reply, 'channels.snoopChannel');
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return GONE;
      throw err;
    }
  }

  async originate(req: OriginateRequest): Promise<AriChannel> {
    // Parameters in the order of ARI's own document, as ari-client sends them.
    const query: Record<string, QueryValue> = { endpoint: req.endpoint };
    if (req.dialplan) {
      query.extension = req.dialplan.extension;
      query.context = req.dialplan.context;
      query.priority = req.dialplan.priority;
    } else {
      query.app = req.app ?? this.app;
      if (req.appArgs?.length) query.appArgs = req.appArgs.join(',');
    }
    query.callerId = req.callerId || undefined;
    query.timeout = req.timeoutSeconds;
    query.channelId = req.channelId || undefined;
    query.otherChannelId = req.otherChannelId || undefined;
    const variables =
      req.variables && Object.keys(req.variables).length ? { variables: req.variables } : undefined;
    return this.parse(
      channelSchema,
      await this.call('channels.originate', 'POST', '/channels', query, variables),
      'channels.originate',
    );
  }

  continueInDialplan(
    channelId: string,
    to: { context?: string; extension?: string; priority?: number; label?: string } = {},
  ): Promise<Done> {
    return this.done(
      'channels.continueInDialplan',
      'POST',
      `/channels/${enc(channelId)}/continue`,
      {
        context: to.context,
        extension: to.extension,
        priority: to.priority,
        label: to.label,
      },
    );
  }

  async listChannels(): Promise<AriChannel[]> {
    return this.parse(
      z.array(channelSchema),
      await this.call('channels.list', 'GET', '/channels'),
      'channels.list',
    );
  }

  async getChannel(channelId: string): Promise<AriChannel | undefined> {
    try {
      return this.parse(
        channelSchema,
        await this.call('channels.get', 'GET', `/channels/${enc(channelId)}`),
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
        await this.call('bridges.get', 'GET', `/bridges/${enc(bridgeId)}`),
        'bridges.get',
      );
    } catch (err) {
      if (err instanceof AriError && err.code === 'not-found') return undefined;
      throw err;
    }
  }

  async getApplication(): Promise<AriApplication> {
    const reply = await this.call('applications.get', 'GET', `/applications/${enc(this.app)}`);
    return this.parse(applicationSchema, reply, 'applications.get');
  }
}

const enc = encodeURIComponent;
