/** Room names, in one place: `agent:<id>`, `queue:<id>`, `user:<id>`, `supervisors`. */
export const rooms = {
  agent: (agentId: string) => `agent:${agentId}`,
  queue: (queueId: string) => `queue:${queueId}`,
  user: (userId: string) => `user:${userId}`,
  supervisors: 'supervisors',
  isQueue: (room: string) => room.startsWith('queue:'),
} as const;
