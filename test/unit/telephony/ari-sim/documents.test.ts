import { describe, expect, it } from 'vitest';
import { ALL_MODELS, EVENT_MODELS } from '../../../../telephony/simulator/ari/models.js';
import {
  RESOURCES,
  resourceDocument,
  resourceList,
} from '../../../../telephony/simulator/ari/swagger.js';
import { ARI_ROUTES } from '../../../../telephony/simulator/ari/table.js';
import { answerChannel } from '../../../../telephony/simulator/engine/answer.js';
import {
  addChannels,
  createBridge,
  destroyBridge,
} from '../../../../telephony/simulator/engine/bridges.js';
import { placeCall, pressKeys, snoop } from '../../../../telephony/simulator/engine/channel-ops.js';
import { originate } from '../../../../telephony/simulator/engine/originate.js';
import { queuePlayback } from '../../../../telephony/simulator/engine/playback.js';
import { startRecording, stopRecording } from '../../../../telephony/simulator/engine/recording.js';
import { engine } from './harness.js';

const PRIMITIVES = new Set([
  'string',
  'int',
  'long',
  'double',
  'boolean',
  'Date',
  'object',
  'void',
  'binary',
]);
const typeName = (t: string) => /^List\[(\w+)\]$/.exec(t)?.[1] ?? t;

describe('the Swagger documents the simulator serves', () => {
  const base = 'http://127.0.0.1:8088/ari';

  it('lists the eleven resources and puts every route in its resource, once', () => {
    expect(resourceList(base).apis).toHaveLength(11);
    for (const route of ARI_ROUTES) {
      const doc = resourceDocument(route.resource, ARI_ROUTES, base)!;
      const ops = doc.apis.filter((a) => a.path === route.path).flatMap((a) => a.operations);
      expect(
        ops.filter((o) => o.nickname === route.nickname && o.httpMethod === route.method),
      ).toHaveLength(1);
    }
    const keys = ARI_ROUTES.map((r) => `${r.resource}.${r.nickname}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('defines every model a reply, parameter or property names', () => {
    // Like swagger-client, resolve names across all the documents' models together.
    const docs = RESOURCES.map((r) => resourceDocument(r.name, ARI_ROUTES, base)!);
    const defined = new Set(docs.flatMap((d) => Object.keys(d.models)));
    for (const doc of docs) {
      for (const api of doc.apis) {
        for (const op of api.operations) {
          const t = typeName(op.responseClass);
          expect(
            PRIMITIVES.has(t) || defined.has(t),
            `${doc.resourcePath} ${op.nickname} returns ${t}`,
          ).toBe(true);
          for (const p of ('parameters' in op ? op.parameters : undefined) ?? [])
            expect(p.dataType).toBeTruthy();
        }
      }
    }
    for (const m of ALL_MODELS.values()) {
      for (const [name, p] of Object.entries(m.properties)) {
        const t = typeName(p.type);
        expect(PRIMITIVES.has(t) || defined.has(t), `${m.id}.${name}: ${t}`).toBe(true);
      }
    }
  });

  it('models every event the simulator sends, with every field it carries', () => {
    const e = engine();
    const call = placeCall(e.ctx, { from: '+8613800138000', callerName: 'Li Wei' }).pbxSide;
    e.clock.advance(0);
    answerChannel(e.ctx, call);
    queuePlayback(e.ctx, { kind: 'channel', id: call.id }, ['sound:cc/welcome', 'number:7'], {
      language: 'en',
    });
    pressKeys(e.ctx, call, '1', 0);
    e.clock.advance(10_000);
    const agent = originate(e.ctx, {
      endpoint: 'Local/1001@agents',
      app: 'contact-center',
      appArgs: 'agent',
      callerId: 'Queue <support>',
    });
    e.clock.advance(100);
    const bridge = createBridge(e.ctx, { type: 'mixing' });
    addChannels(e.ctx, bridge, [call, agent]);
    e.clock.advance(0);
    const rec = startRecording(
      e.ctx,
      { kind: 'bridge', id: bridge.id },
      {
        name: 'doc-test',
        format: 'wav',
        ifExists: 'overwrite',
        maxDurationSeconds: 0,
        beep: false,
        terminateOn: 'none',
      },
    );
    e.clock.advance(1000);
    stopRecording(e.ctx, rec);
    snoop(e.ctx, call, { spy: 'both', app: 'contact-center' });
    e.ctx.hooks.hangup(agent, { initiator: 'app', cause: 16 });
    destroyBridge(e.ctx, bridge);
    e.ctx.hooks.hangup(call, { initiator: 'remote', cause: 16 });

    const models = new Map(EVENT_MODELS.map((m) => [m.id, m]));
    const common = [
      ...Object.keys(models.get('Message')!.properties),
      ...Object.keys(models.get('Event')!.properties),
    ];
    const seen = new Set<string>();
    for (const ev of e.events) {
      const type = String(ev.type);
      seen.add(type);
      const model = models.get(type);
      expect(model, `no model for ${type}`).toBeDefined();
      for (const key of Object.keys(ev)) {
        expect(
          key in model!.properties || common.includes(key),
          `${type}.${key} is not modelled`,
        ).toBe(true);
      }
      for (const [key, p] of Object.entries(model!.properties)) {
        if (p.required) expect(ev, `${type} lacks ${key}`).toHaveProperty(key);
      }
    }
    expect([...seen].sort()).toEqual(
      [
        'BridgeDestroyed',
        'ChannelCallerId',
        'ChannelConnectedLine',
        'ChannelDestroyed',
        'ChannelDialplan',
        'ChannelDtmfReceived',
        'ChannelEnteredBridge',
        'ChannelHangupRequest',
        'ChannelLeftBridge',
        'ChannelStateChange',
        'ChannelVarset',
        'Dial',
        'PlaybackContinuing',
        'PlaybackFinished',
        'PlaybackStarted',
        'RecordingFinished',
        'RecordingStarted',
        'StasisEnd',
        'StasisStart',
      ].sort(),
    );
  });
});
