import { runAll, type CrmMigration } from './types.js';

/**
 * A call bridged more than once (a transfer, a re-offer after the agent hung up with requeue)
 * has one recording file per bridge: every segment is kept, in order, beside the first one's
 * name, length and pauses in the older columns.
 */
export const m0010RecordingSegments: CrmMigration = {
  name: '0010_recording_segments',
  up: (knex) => runAll(knex, ['alter table interactions add column recording_segments jsonb']),
  down: (knex) =>
    runAll(knex, ['alter table interactions drop column if exists recording_segments']),
};
