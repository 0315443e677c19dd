export * from './agent-scripts.js';
export * from './call-scripts.js';
export * from './offer-scripts.js';
export * from './queue-scripts.js';
export * from './read-scripts.js';
export * from './recovery-scripts.js';
export * from './timer-scripts.js';
