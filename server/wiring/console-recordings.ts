import type { Crm } from '../../crm-core/index.js';
import type { RecordingCatalog } from '../gateway/index.js';

/**
 * Past calls' recordings from the CRM's interactions. Each plays through
 * `/api/v1/recordings/:name` (server/wiring/telephony-http.ts), which audit-logs every listen.
 */
export function recordingCatalog(crm: Crm): RecordingCatalog {
  return {
    async search(query) {
      const rows = await crm.interactions.searchRecordings(query);
      return rows.map((r) => ({
        id: r.recordingName,
        callId: r.callId,
        startedAt: r.arrivedAt.toISOString(),
        durationSeconds: r.durationSeconds,
        agentName: r.agentName,
        callerNumber: r.callerNumber ?? 'unknown',
        customerName: r.customerName,
        queueName: r.queue,
        audioUrl: `/api/v1/recordings/${encodeURIComponent(r.recordingName)}`,
      }));
    },
  };
}
