/**
 * Complaints past their due time, as the supervisors' wallboard reads them from the CRM API
 * (`GET /api/v1/complaints?overdue=true&status=open,in_progress`).
 */
import type { CrmComplaint } from './rest.js';

export interface OverdueComplaint extends CrmComplaint {
  /** Raised one level at each breach by the SLA timers. */
  escalationLevel: number;
  /** When the breach timer flagged it; null when it is only found overdue. */
  slaBreachedAt: string | null;
}

export interface OverdueComplaintsResponse {
  items: OverdueComplaint[];
  nextCursor: string | null;
}
