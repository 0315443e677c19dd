/** Types shared by the server and the console; nothing here exists at run time. */
export type * from './domain.js';
export type * from './socket-events.js';
export type * from './rest.js';
export type * from './campaigns.js';
export type * from './sla.js';
