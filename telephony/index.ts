// Public API of telephony/: everything other folders may import from here.
export * from './ari/index.js';
export {
  startPbxSimulator,
  ManualClock,
  RealClock,
  PbxControl,
  SimulatorError,
  type PbxSimulator,
  type PbxSimulatorOptions,
  type Clock,
  type PlacedCall,
  type RestartMode,
  type MediaHeard,
  type PbxState,
  type EndpointBehaviour,
  type AnswerMode,
  type AmdResult,
  type SoundOptions,
  type InboundCall,
  type OriginateLogEntry,
} from './simulator/index.js';
export * from './calls/index.js';
