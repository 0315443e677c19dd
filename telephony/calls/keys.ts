/**
 * Every Redis key of the call layer, under one prefix. The Lua scripts build the same names from
 * the prefix they receive (see store/lua.ts), so the two must change together.
 */
export interface CallKeys {
  readonly prefix: string;
  /** Hash: `v` (version), `state`, `data` (the CallRecord as JSON). */
  call(callId: string): string;
  /** String: JSON ChannelLink of a channel (caller, agent leg, snoop, supervisor leg). */
  channel(channelId: string): string;
  /** String: the call an agent is offered, talking on or wrapping up. */
  agent(agentId: string): string;
  /** String: where a caller who took a callback was waiting (KeptPlace JSON), by callback id. */
  place(callbackId: string): string;
  /** String: an outbound dial's record (DialOutRecord JSON), by its channel id. */
  dial(channelId: string): string;
  /** Set: ids of calls not yet ended. */
  readonly live: string;
  /** String: the node driving telephony (the lease). */
  readonly lease: string;
  /** Pub/sub channel for call commands sent to the driving node. */
  readonly commands: string;
  replies(nodeId: string): string;
}

export function callKeys(prefix: string): CallKeys {
  const p = `${prefix}tel:`;
  return {
    prefix: p,
    call: (id) => `${p}call:${id}`,
    channel: (id) => `${p}chan:${id}`,
    agent: (id) => `${p}agent:${id}`,
    place: (id) => `${p}place:${id}`,
    dial: (id) => `${p}dial:${id}`,
    live: `${p}live`,
    lease: `${p}lease`,
    commands: `${p}commands`,
    replies: (nodeId) => `${p}replies:${nodeId}`,
  };
}
