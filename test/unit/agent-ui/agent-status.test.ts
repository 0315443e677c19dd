import { describe, expect, it } from 'vitest';
import { AgentStatus } from '../../../agent-ui/src/lib/agent-status.svelte.js';
import { Clock } from '../../../agent-ui/src/lib/clock.svelte.js';
import { FakeTransport, ok, refuse } from './support/fake-transport.js';
import { T0, agentView, at } from './support/fixtures.js';

function setup() {
  const transport = new FakeTransport();
  const clock = new Clock(() => T0);
  return { transport, clock, agent: new AgentStatus(transport, clock) };
}

describe('AgentStatus', () => {
  it('pauses with a reason and shows the state the server confirmed', async () => {
    const { agent, transport, clock } = setup();
    agent.apply(agentView());
    transport.respond('agent:setState', (next) =>
      ok({
        agent: agentView({
          state: next.state,
          pauseReason: next.state === 'paused' ? next.reason : null,
          since: at(10),
        }),
      }),
    );
    expect(await agent.pause('lunch')).toBe(true);
    expect(agent.state).toBe('paused');
    expect(agent.view?.pauseReason).toBe('lunch');
    clock.set(T0 + 70_000);
    expect(agent.secondsInState).toBe(60);
  });

  it('keeps the state and shows why when the server refuses', async () => {
    const { agent, transport } = setup();
    agent.apply(agentView({ state: 'wrap_up' }));
    transport.respond('agent:setState', () => refuse('invalid_state', 'cannot log out now'));
    expect(await agent.logOut()).toBe(false);
    expect(agent.state).toBe('wrap_up');
    expect(agent.error).toBe('cannot log out now');
  });

  it('does not let the agent change state while a call rings or is on', () => {
    const { agent } = setup();
    agent.apply(agentView({ state: 'on_call' }));
    expect(agent.canChange).toBe(false);
    agent.apply(agentView({ state: 'wrap_up' }));
    expect(agent.canChange).toBe(true);
    agent.apply(null);
    expect(agent.state).toBe('logged_out');
  });
});
