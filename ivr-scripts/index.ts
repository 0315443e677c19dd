// Public API of ivr-scripts/: everything other folders may import from here.
export { compileIvrScript } from './compile/compile.js';
export {
  IvrScriptSet,
  SHIPPED_SCRIPT_FILES,
  compileIvrScripts,
  loadIvrScripts,
  shippedScriptUrl,
} from './loader.js';
export { IvrInterpreter, isCollectingSensitive } from './interpreter/interpreter.js';
export type {
  IvrCallContext,
  IvrCommand,
  IvrCustomer,
  IvrEntry,
  IvrEvent,
  IvrResult,
  IvrState,
  IvrWait,
  VarValue,
} from './interpreter/types.js';
export { IvrError, formatIssue } from './errors.js';
export type { IvrErrorCode, IvrIssue, IvrIssueCode } from './errors.js';
export { LANGUAGES, LANGUAGE_TAGS, asteriskLanguage, isLanguageTag } from './languages.js';
export type { AsteriskLanguage, LanguageTag } from './languages.js';
export type {
  BalanceLookupData,
  CallbackLookupData,
  CancelCallbackData,
  ComplaintLookupData,
  LookupArgs,
} from './lookups.js';
export type {
  CompiledNode,
  CompiledPrompt,
  CompiledScript,
  LookupKind,
  NodeKind,
  RequestKind,
  TransferTarget,
} from './model.js';
export { promptRecordings } from './prompts/recordings.js';
export { soundFileRecordings } from './prompts/sounds-file.js';
export type { PromptRecording, RecordingPiece } from './prompts/recordings.js';
export { concatPcm, decodeWav, encodeWav, resample } from './prompts/wav.js';
export type { Pcm } from './prompts/wav.js';
