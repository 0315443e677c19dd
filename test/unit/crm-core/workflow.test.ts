import { describe, expect, it } from 'vitest';
import { CrmError } from '../../../crm-core/index.js';
import {
  allowedComplaintMoves,
  assertCallbackMove,
  assertComplaintMove,
} from '../../../crm-core/workflow.js';

describe('complaint workflow', () => {
  it('allows the forward path and reopening only', () => {
    expect(() => assertComplaintMove('open', 'in_progress')).not.toThrow();
    expect(() => assertComplaintMove('in_progress', 'resolved')).not.toThrow();
    expect(() => assertComplaintMove('resolved', 'closed')).not.toThrow();
    expect(() => assertComplaintMove('resolved', 'open')).not.toThrow();
    expect(() => assertComplaintMove('closed', 'open')).not.toThrow();
    expect(allowedComplaintMoves('closed')).toEqual(['open']);
  });

  it('refuses a skipped step with a 409 that lists the allowed moves', () => {
    try {
      assertComplaintMove('open', 'closed');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CrmError);
      expect(err).toMatchObject({
        code: 'illegal_transition',
        status: 409,
        details: { from: 'open', to: 'closed', allowed: ['in_progress'] },
      });
    }
  });
});

describe('callback workflow', () => {
  it('lets nothing leave a final state', () => {
    for (const to of ['pending', 'dialing', 'cancelled'] as const) {
      expect(() => assertCallbackMove('completed', to)).toThrow(CrmError);
    }
    expect(() => assertCallbackMove('pending', 'cancelled')).not.toThrow();
    expect(() => assertCallbackMove('dialing', 'cancelled')).toThrow(/dialing to cancelled/);
  });
});
