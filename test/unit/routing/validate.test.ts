import { describe, expect, it } from 'vitest';
import {
  RoutingError,
  parseAgentProfile,
  parseCallInput,
  parseQueueConfig,
} from '../../../routing/index.js';

function problem(fn: () => unknown): RoutingError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoutingError) return e;
    throw e;
  }
  throw new Error('expected a RoutingError');
}

describe('input validation', () => {
  it('fills queue defaults: longest-idle, 20 s ring timeout, 20 s service level', () => {
    const q = parseQueueConfig({ id: 'billing' });
    expect(q).toMatchObject({
      id: 'billing',
      name: 'billing',
      strategy: 'longest-idle',
      ringTimeoutSeconds: 20,
      serviceLevelSeconds: 20,
      maxQueueLength: null,
      overflow: null,
    });
  });

  it('names the field and the problem of a bad queue config', () => {
    const e = problem(() => parseQueueConfig({ id: 'q', strategy: 'random' }));
    expect(e.code).toBe('invalid_input');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^invalid queue config: strategy: /);
  });

  it('refuses proficiencies outside 1-5', () => {
    const e = problem(() => parseAgentProfile({ id: 'a', skills: { billing: 6 }, queues: [] }));
    expect(e.message).toMatch(/skills\.billing/);
  });

  it('refuses relaxation steps out of order', () => {
    const e = problem(() =>
      parseQueueConfig({
        id: 'q',
        relaxation: [
          { afterSeconds: 60, requirements: [] },
          { afterSeconds: 30, requirements: [] },
        ],
      }),
    );
    expect(e.message).toContain('increasing afterSeconds');
  });

  it('refuses ids that could not be used in key names', () => {
    const e = problem(() => parseCallInput({ id: 'a b', queueId: 'q' }));
    expect(e.message).toMatch(/^invalid call: id: /);
  });

  it('refuses an agent listed twice in the same queue', () => {
    const e = problem(() =>
      parseAgentProfile({ id: 'a', queues: [{ queueId: 'q' }, { queueId: 'q' }] }),
    );
    expect(e.message).toContain('a queue is listed twice');
  });
});
