/** The Socket.IO gateway: consoles connect here; the rest of the server publishes through it. */
export { createGateway, type Gateway, type GatewayOptions } from './gateway.js';
export type { ConsolePublisher, NotificationTarget } from './publisher.js';
export type {
  AgentActions,
  CallControls,
  ConsolePorts,
  ConsoleStateSource,
  RecordingCatalog,
  SessionVerifier,
  SupervisorActions,
  WrapUpSink,
} from './ports.js';
export { ConsoleError, type ConsoleErrorCode } from './errors.js';
export { rooms } from './rooms.js';
export { SESSION_COOKIE } from './session-token.js';
