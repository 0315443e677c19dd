import type { AriEvent as PortEvent } from '../ari/events.js';
import type { AriPort } from '../ari/port.js';
import type { AriChannel, AriLiveRecording, AriPlayback } from '../ari/types.js';

/**
 * The ARI operations the call layer uses: a narrow view of the AriPort, so that handlers depend
 * on what they use and nothing else. Operations on a channel, bridge, playback or recording
 * that is already gone answer `'gone'` instead of failing (the normal end of a race).
 */
export type CallAri = Pick<
  AriPort,
  | 'app'
  | 'answer'
  | 'hangup'
  | 'play'
  | 'stopPlayback'
  | 'setVariable'
  | 'getVariable'
  | 'createBridge'
  | 'destroyBridge'
  | 'addChannels'
  | 'removeChannel'
  | 'startMoh'
  | 'recordBridge'
  | 'pauseRecording'
  | 'unpauseRecording'
  | 'stopRecording'
  | 'snoop'
  | 'originate'
  | 'continueInDialplan'
  | 'listChannels'
  | 'getApplication'
  | 'getChannel'
>;

export type {
  AriChannel as AriChannelInfo,
  AriLiveRecording as AriRecordingInfo,
} from '../ari/types.js';
export type { PortEvent as AriEvent };

/** The events the call layer reacts to, with the fields it reads. */
export type CallAriEvent =
  | { type: 'StasisStart'; channel: AriChannel; args: string[] }
  | { type: 'StasisEnd'; channel: AriChannel }
  | { type: 'ChannelDtmfReceived'; channel: AriChannel; digit: string }
  | { type: 'PlaybackFinished'; playback: AriPlayback }
  | { type: 'ChannelDestroyed'; channel: AriChannel; cause: number; cause_txt: string }
  | { type: 'RecordingFinished'; recording: AriLiveRecording }
  | { type: 'RecordingFailed'; recording: AriLiveRecording };

const HANDLED = new Set<string>([
  'StasisStart',
  'StasisEnd',
  'ChannelDtmfReceived',
  'PlaybackFinished',
  'ChannelDestroyed',
  'RecordingFinished',
  'RecordingFailed',
]);

/**
 * The port has validated each event's shape against ARI's models; this only keeps the types
 * the call layer handles (the port's union does not narrow by `type`).
 */
export function callEventOf(event: PortEvent): CallAriEvent | null {
  return HANDLED.has(event.type) ? (event as unknown as CallAriEvent) : null;
}
