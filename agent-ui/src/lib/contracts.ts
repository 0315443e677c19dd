/** The server's shared types, in one import for the console (types only, never code). */
export type * from '../../../server/contracts/index.js';
