import { parseQueueConfig, toRoutedCall } from '../../../routing/index.js';
import type {
  AgentCandidate,
  CallInput,
  QueueConfig,
  QueueConfigInput,
  RoutedCall,
} from '../../../routing/index.js';

export const T0 = 1_764_000_000_000;
export const s = (seconds: number) => T0 + seconds * 1000;

export function queue(over: Partial<QueueConfigInput> = {}): QueueConfig {
  return parseQueueConfig({ id: 'q1', ...over });
}

export function agent(id: string, over: Partial<AgentCandidate> = {}): AgentCandidate {
  return {
    id,
    skills: {},
    groups: [],
    rank: 1,
    idleSince: T0,
    callsToday: 0,
    talkSecondsToday: 0,
    lastOfferedAt: 0,
    ...over,
  };
}

export function call(
  id: string,
  q: QueueConfig,
  over: Partial<CallInput> = {},
  at = T0,
): RoutedCall {
  return toRoutedCall({ id, queueId: q.id, enqueuedAt: at, ...over }, q, at);
}
