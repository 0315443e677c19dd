import { describe, expect, it } from 'vitest';
import { failureOfCause } from '../../../../telephony/calls/handlers/offer.js';
import { finalInteraction } from '../../../../telephony/calls/handlers/hangup.js';
import { liveCallView } from '../../../../telephony/calls/view.js';
import { record } from './fixtures.js';

describe('the agent’s view of a call', () => {
  const offering = record('offering', {
    offer: {
      agentId: '7',
      attempt: 1,
      reason: 'longest idle',
      deadline: 30_000,
      channelId: 'agent-1-x',
      offeredAt: 20_000,
      answeredAt: null,
      whisperPlaybackId: null,
    },
    queue: {
      queueId: 'support',
      skills: {},
      priority: 0,
      enqueuedAt: 10_000,
      holdBridgeId: 'hold-1-x',
      leaving: null,
      announcements: 0,
      preferredAgentId: null,
    },
    routingReason: 'longest idle',
    routingExplanation: { kind: 'agent', agentId: '7' },
  });

  it('is "ringing" for the agent being offered the call, and nobody else', () => {
    expect(liveCallView(offering, '7', 25_000)).toMatchObject({
      phase: 'ringing',
      queueId: 'support',
      waitSeconds: 15,
      routingReason: 'longest idle',
      routingExplanation: { kind: 'agent', agentId: '7' },
      recording: 'off',
    });
    expect(liveCallView(offering, '8', 25_000)).toBeNull();
  });

  it('has no routing explanation for a record stored before there was one', () => {
    const { routingExplanation: _, ...old } = offering;
    const stored = JSON.parse(JSON.stringify(old)) as typeof offering;
    expect(liveCallView(stored, '7', 25_000)).toMatchObject({
      routingReason: 'longest idle',
      routingExplanation: null,
    });
  });

  it('is "wrap_up" for the agent who took the call after it ended', () => {
    const wrap = record('wrap_up', {
      lastAgentId: '7',
      times: {
        arrivedAt: 0,
        queuedAt: 5_000,
        offeredAt: 6_000,
        answeredAt: 8_000,
        endedAt: 68_000,
      },
      wrapUpSeconds: 10,
    });
    expect(liveCallView(wrap, '7', 70_000)).toMatchObject({
      phase: 'wrap_up',
      endedAt: 68_000,
      wrapUpSeconds: 10,
    });
  });
});

describe('the interaction row', () => {
  it('has wait and talk seconds and the abandon flag from the call’s times', () => {
    const ended = record('ended', {
      times: {
        arrivedAt: 0,
        queuedAt: 4_000,
        offeredAt: 30_000,
        answeredAt: 34_400,
        endedAt: 94_000,
      },
      lastAgentId: '7',
    });
    expect(finalInteraction(ended)).toMatchObject({
      agentId: '7',
      waitSeconds: 30,
      talkSeconds: 60,
      abandoned: false,
      queuedAt: new Date(4_000),
    });
  });

  it('counts the wait until the hang-up for a caller who gave up in the queue', () => {
    const gone = record('ended', {
      abandoned: true,
      times: { arrivedAt: 0, queuedAt: 4_000, offeredAt: null, answeredAt: null, endedAt: 64_000 },
    });
    expect(finalInteraction(gone)).toMatchObject({
      waitSeconds: 60,
      talkSeconds: null,
      abandoned: true,
      agentId: null,
    });
  });
});

describe('agent leg causes', () => {
  it('maps Q.850 causes to busy, no answer or failed', () => {
    expect(failureOfCause(17)).toBe('busy');
    expect(failureOfCause(21)).toBe('busy');
    expect(failureOfCause(19)).toBe('no_answer');
    expect(failureOfCause(18)).toBe('no_answer');
    expect(failureOfCause(34)).toBe('failed');
  });
});
