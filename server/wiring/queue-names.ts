import type { IvrScriptSet } from '../../ivr-scripts/index.js';
import type { LocalizedNames } from '../contracts/index.js';

/** A queue's names by language ({} for a queue nobody named): the console shows the user's. */
export type QueueNames = (queueId: string) => LocalizedNames;

/** The queues' names from the IVR scripts' `queues` sections (docs/ivr.md). */
export function queueNamesOf(scripts: IvrScriptSet): QueueNames {
  const names = scripts.queueNames();
  return (queueId) => ({ ...names.get(queueId) });
}

/** The name for places that show one text whatever the user's language (logs, CSV). */
export function defaultQueueName(names: LocalizedNames, queueId: string): string {
  return names.en ?? Object.values(names)[0] ?? queueId;
}
