/**
 * Swagger 1.1 models for the simulator's documents: the shapes the simulator sends, named as
 * Asterisk names them. ari-client reads the event models to turn the objects an event carries
 * (`channel`, `bridge`, `playback`, `recording`, ...) into resource instances, so every event
 * type the simulator emits must be modelled here (a test checks it).
 */
export interface ModelProperty {
  type: string;
  required: boolean;
  description: string;
}

export interface ModelDef {
  id: string;
  description: string;
  extends?: string;
  subTypes?: string[];
  properties: Record<string, ModelProperty>;
}

type PropSpec = [type: string, description: string];

/** `name!` marks a required property. */
function model(
  id: string,
  description: string,
  props: Record<string, PropSpec>,
  ext?: string,
): ModelDef {
  const properties: Record<string, ModelProperty> = {};
  for (const [key, [type, desc]] of Object.entries(props)) {
    const required = key.endsWith('!');
    properties[required ? key.slice(0, -1) : key] = { type, required, description: desc };
  }
  return { id, description, ...(ext ? { extends: ext } : {}), properties };
}

const event = (id: string, description: string, props: Record<string, PropSpec>) =>
  model(id, description, props, 'Event');

export const RESOURCE_MODELS: ModelDef[] = [
  model('Channel', 'A specific communication connection between Asterisk and an Endpoint.', {
    'id!': ['string', 'Unique identifier of the channel.'],
    'protocol_id!': ['string', 'Protocol id from underlying channel driver.'],
    'name!': ['string', 'Name of the channel (i.e. SIP/foo-0000a7e3)'],
    'state!': ['string', 'State of the channel'],
    'caller!': ['CallerID', 'Caller identification'],
    'connected!': ['CallerID', 'Connected party identification'],
    'accountcode!': ['string', 'Account code'],
    'dialplan!': ['DialplanCEP', 'Current location in the dialplan'],
    'creationtime!': ['Date', 'Timestamp when channel was created'],
    'language!': ['string', 'The default spoken language'],
    channelvars: ['object', 'Channel variables'],
  }),
  model('CallerID', 'Caller identification', {
    'name!': ['string', 'Name'],
    'number!': ['string', 'Number'],
  }),
  model('DialplanCEP', 'Dialplan location (context/extension/priority)', {
    'context!': ['string', 'Context in the dialplan'],
    'exten!': ['string', 'Extension in the dialplan'],
    'priority!': ['long', 'Priority in the dialplan'],
    'app_name!': ['string', 'Name of current dialplan application'],
    'app_data!': ['string', 'Parameter of current dialplan application'],
  }),
  model('Variable', 'The value of a channel variable', {
    'value!': ['string', 'The value of the variable requested'],
  }),
  model('Bridge', 'The merging of media from one or more channels.', {
    'id!': ['string', 'Unique identifier for this bridge'],
    'technology!': ['string', 'Name of the current bridging technology'],
    'bridge_type!': ['string', 'Type of bridge technology'],
    'bridge_class!': ['string', 'Bridging class'],
    'creator!': ['string', 'Entity that created the bridge'],
    'name!': ['string', 'Name the creator gave the bridge'],
    'channels!': ['List[string]', 'Ids of channels participating in this bridge'],
    video_mode: [
      'string',
      'The video mode the bridge is using. One of none, talker, sfu, or single.',
    ],
    video_source_id: [
      'string',
      'The ID of the channel that is the source of video in this bridge, if one exists.',
    ],
    'creationtime!': ['Date', 'Timestamp when bridge was created'],
  }),
  model('Playback', 'Object representing the playback of media to a channel', {
    'id!': ['string', 'ID for this playback operation'],
    'media_uri!': ['string', 'The URI for the media currently being played back.'],
    next_media_uri: [
      'string',
      'If a list of URIs is being played, the next media URI to be played back.',
    ],
    'target_uri!': ['string', 'URI for the channel or bridge to play the media on'],
    language: [
      'string',
      'For media types that support multiple languages, the language requested for playback.',
    ],
    'state!': ['string', 'Current state of the playback operation.'],
  }),
  model('LiveRecording', 'A recording that is in progress', {
    'name!': ['string', 'Base name for the recording'],
    'format!': ['string', 'Recording format (wav, gsm, etc.)'],
    'target_uri!': ['string', 'URI for the channel or bridge being recorded'],
    'state!': ['string', 'State of the recording'],
    duration: ['int', 'Duration in seconds of the recording'],
    talking_duration: ['int', 'Duration of talking, in seconds, detected in the recording.'],
    silence_duration: ['int', 'Duration of silence, in seconds, detected in the recording.'],
    cause: ['string', 'Cause for recording failure if failed'],
  }),
  model('StoredRecording', 'A past recording that may be played back.', {
    'name!': ['string', 'Name of the recording'],
    'format!': ['string', 'Format of the recording'],
  }),
  model('Application', 'Details of a Stasis application', {
    'name!': ['string', 'Name of this application'],
    'channel_ids!': ['List[string]', "Id's for channels subscribed to."],
    'bridge_ids!': ['List[string]', "Id's for bridges subscribed to."],
    'endpoint_ids!': ['List[string]', '{tech}/{resource} for endpoints subscribed to.'],
    'device_names!': ['List[string]', 'Names of the devices subscribed to.'],
    'events_allowed!': ['List[object]', 'Event types sent to the application.'],
    'events_disallowed!': ['List[object]', 'Event types not sent to the application.'],
  }),
  model('AsteriskInfo', 'Asterisk system information', {
    build: ['BuildInfo', 'Info about how Asterisk was built'],
    system: ['SystemInfo', 'Info about the system running Asterisk'],
    config: ['ConfigInfo', 'Info about Asterisk configuration'],
    status: ['StatusInfo', 'Info about Asterisk status'],
  }),
  model('BuildInfo', 'Info about how Asterisk was built', {
    'os!': ['string', 'OS Asterisk was built on.'],
    'kernel!': ['string', 'Kernel version Asterisk was built on.'],
    'options!': ['string', 'Compile time options, or empty string if default.'],
    'machine!': ['string', 'Machine architecture (x86_64, i686, ppc, etc.)'],
    'date!': ['string', 'Date and time when Asterisk was built.'],
    'user!': ['string', 'Username that build Asterisk'],
  }),
  model('SystemInfo', 'Info about Asterisk', {
    'version!': ['string', 'Asterisk version.'],
    'entity_id!': ['string', ''],
  }),
  model('ConfigInfo', 'Info about Asterisk configuration', {
    'name!': ['string', 'Asterisk system name.'],
    'default_language!': ['string', 'Default language for media playback.'],
    max_channels: ['int', 'Maximum number of simultaneous channels.'],
    max_open_files: ['int', 'Maximum number of open file handles (files, sockets).'],
    max_load: ['double', 'Maximum load avg on system.'],
    'setid!': ['SetId', 'Effective user/group id for running Asterisk.'],
  }),
  model('SetId', 'Effective user/group id', {
    'user!': ['string', 'Effective user id.'],
    'group!': ['string', 'Effective group id.'],
  }),
  model('StatusInfo', 'Info about Asterisk status', {
    'startup_time!': ['Date', 'Time when Asterisk was started.'],
    'last_reload_time!': ['Date', 'Time when Asterisk was last reloaded.'],
  }),
  model('AsteriskPing', 'Asterisk ping information', {
    'asterisk_id!': ['string', 'Asterisk id info'],
    'ping!': ['string', 'Always string value is pong'],
    'timestamp!': ['string', 'The timestamp string of request received time'],
  }),
  model('Endpoint', 'An external device that may offer/accept calls to/from Asterisk.', {
    'technology!': ['string', 'Technology of the endpoint'],
    'resource!': ['string', 'Identifier of the endpoint, specific to the given technology.'],
    state: ['string', "Endpoint's state"],
    'channel_ids!': ['List[string]', "Id's of channels associated with this endpoint"],
  }),
  model('TextMessage', 'A text message.', {
    'from!': ['string', 'A technology specific URI specifying the source of the message.'],
    'to!': ['string', 'A technology specific URI specifying the destination of the message.'],
    'body!': ['string', 'The text of the message.'],
    variables: ['object', 'Technology specific key/value pairs associated with the message.'],
  }),
  model('Sound', 'A media file that may be played back.', {
    'id!': ['string', "Sound's identifier."],
    text: ['string', 'Text description of the sound, usually the words spoken.'],
    'formats!': [
      'List[FormatLangPair]',
      'The formats and languages in which this sound is available.',
    ],
  }),
  model('FormatLangPair', 'Identifies the format and language of a sound file', {
    'language!': ['string', ''],
    'format!': ['string', ''],
  }),
  model('DeviceState', 'Represents the state of a device.', {
    'name!': ['string', 'Name of the device.'],
    'state!': ['string', "Device's state"],
  }),
  model('Mailbox', 'Represents the state of a mailbox.', {
    'name!': ['string', 'Name of the mailbox.'],
    'old_messages!': ['int', 'Count of old messages in the mailbox.'],
    'new_messages!': ['int', 'Count of new messages in the mailbox.'],
  }),
];

const CH: PropSpec = ['Channel', 'The channel.'];

export const EVENT_MODELS: ModelDef[] = [
  model('Message', 'Base type for errors and events', {
    'type!': ['string', 'Indicates the type of this message.'],
    asterisk_id: ['string', 'The unique ID for the Asterisk instance that raised this event.'],
  }),
  model(
    'MissingParams',
    'Error event sent when required params are missing.',
    {
      'params!': ['List[string]', 'A list of the missing parameters'],
    },
    'Message',
  ),
  model(
    'Event',
    'Base type for asynchronous events from Asterisk.',
    {
      'application!': ['string', 'Name of the application receiving the event.'],
      'timestamp!': ['Date', 'Time at which this event was created.'],
    },
    'Message',
  ),
  model('ContactInfo', 'Detailed information about a contact on an endpoint.', {
    'uri!': ['string', 'The location of the contact.'],
    'contact_status!': ['string', 'The current status of the contact.'],
    'aor!': ['string', 'The Address of Record this contact belongs to.'],
    roundtrip_usec: ['string', 'Current round trip time, in microseconds, for the contact.'],
  }),
  model('Peer', 'Detailed information about a remote peer that communicates with Asterisk.', {
    'peer_status!': ['string', 'The current state of the peer.'],
    cause: ['string', 'An optional reason associated with the change in peer_status.'],
    address: ['string', 'The IP address of the peer.'],
    port: ['string', 'The port of the peer.'],
    time: ['string', 'The last known time the peer was contacted.'],
  }),
  event('DeviceStateChanged', 'Notification that a device state has changed.', {
    'device_state!': ['DeviceState', 'Device state object'],
  }),
  event('PlaybackStarted', 'Event showing the start of a media playback operation.', {
    'playback!': ['Playback', 'Playback control object'],
  }),
  event(
    'PlaybackContinuing',
    'Event showing the continuation of a media playback operation from one media URI to the next in the list.',
    {
      'playback!': ['Playback', 'Playback control object'],
    },
  ),
  event('PlaybackFinished', 'Event showing the completion of a media playback operation.', {
    'playback!': ['Playback', 'Playback control object'],
  }),
  event('RecordingStarted', 'Event showing the start of a recording operation.', {
    'recording!': ['LiveRecording', 'Recording control object'],
  }),
  event('RecordingFinished', 'Event showing the completion of a recording operation.', {
    'recording!': ['LiveRecording', 'Recording control object'],
  }),
  event('RecordingFailed', 'Event showing failure of a recording operation.', {
    'recording!': ['LiveRecording', 'Recording control object'],
  }),
  event(
    'ApplicationMoveFailed',
    'Notification that trying to move a channel to another Stasis application failed.',
    {
      'channel!': CH,
      'destination!': ['string', ''],
      'args!': ['List[string]', 'Arguments to the application'],
    },
  ),
  event('ApplicationRegistered', 'Notification that a Stasis app has been registered.', {}),
  event(
    'ApplicationReplaced',
    'Notification that another WebSocket has taken over for an application.',
    {},
  ),
  event('ApplicationUnregistered', 'Notification that a Stasis app has been unregistered.', {}),
  event('BridgeCreated', 'Notification that a bridge has been created.', {
    'bridge!': ['Bridge', ''],
  }),
  event('BridgeDestroyed', 'Notification that a bridge has been destroyed.', {
    'bridge!': ['Bridge', ''],
  }),
  event('BridgeMerged', 'Notification that one bridge has merged into another.', {
    'bridge!': ['Bridge', ''],
    'bridge_from!': ['Bridge', ''],
  }),
  event(
    'BridgeVideoSourceChanged',
    'Notification that the source of video in a bridge has changed.',
    {
      'bridge!': ['Bridge', ''],
      old_video_source_id: ['string', ''],
    },
  ),
  event('BridgeBlindTransfer', 'Notification that a blind transfer has occurred.', {
    'channel!': ['Channel', 'The channel performing the blind transfer'],
    replace_channel: [
      'Channel',
      'The channel that is replacing transferer when the transferee(s) can not be transferred directly',
    ],
    transferee: ['Channel', 'The channel that is being transferred'],
    'exten!': ['string', 'The extension transferred to'],
    'context!': ['string', 'The context transferred to'],
    'result!': ['string', 'The result of the transfer attempt'],
    'is_external!': ['boolean', 'Whether the transfer was externally initiated or not'],
    bridge: ['Bridge', 'The bridge being transferred'],
  }),
  event('BridgeAttendedTransfer', 'Notification that an attended transfer has occurred.', {
    'transferer_first_leg!': ['Channel', 'First leg of the transferer'],
    'transferer_second_leg!': ['Channel', 'Second leg of the transferer'],
    'result!': ['string', 'The result of the transfer attempt'],
    'is_external!': ['boolean', 'Whether the transfer was externally initiated or not'],
    'destination_type!': ['string', 'How the transfer was accomplished'],
  }),
  event('ChannelCreated', 'Notification that a channel has been created.', { 'channel!': CH }),
  event('ChannelDestroyed', 'Notification that a channel has been destroyed.', {
    'cause!': ['int', 'Integer representation of the cause of the hangup'],
    'cause_txt!': ['string', 'Text representation of the cause of the hangup'],
    'channel!': CH,
  }),
  event('ChannelEnteredBridge', 'Notification that a channel has entered a bridge.', {
    'bridge!': ['Bridge', ''],
    channel: CH,
  }),
  event('ChannelLeftBridge', 'Notification that a channel has left a bridge.', {
    'bridge!': ['Bridge', ''],
    'channel!': CH,
  }),
  event('ChannelStateChange', "Notification of a channel's state change.", { 'channel!': CH }),
  event('ChannelDtmfReceived', 'DTMF received on a channel.', {
    'digit!': ['string', 'DTMF digit received (0-9, A-E, # or *)'],
    'duration_ms!': ['int', 'Number of milliseconds DTMF was received'],
    'channel!': ['Channel', 'The channel on which DTMF was received'],
  }),
  event('ChannelDialplan', 'Channel changed location in the dialplan.', {
    'channel!': ['Channel', 'The channel that changed dialplan location.'],
    'dialplan_app!': ['string', 'The application about to be executed.'],
    'dialplan_app_data!': ['string', 'The data to be passed to the application.'],
  }),
  event('ChannelCallerId', 'Channel changed Caller ID.', {
    'caller_presentation!': ['int', 'The integer representation of the Caller Presentation value.'],
    'caller_presentation_txt!': [
      'string',
      'The text representation of the Caller Presentation value.',
    ],
    'channel!': ['Channel', 'The channel that changed Caller ID.'],
  }),
  event(
    'ChannelUserevent',
    'User-generated event with additional user-defined fields in the object.',
    {
      'eventname!': ['string', 'The name of the user event.'],
      channel: ['Channel', 'A channel that is signaled with the user event.'],
      bridge: ['Bridge', 'A bridge that is signaled with the user event.'],
      endpoint: ['Endpoint', 'A endpoint that is signaled with the user event.'],
      'userevent!': ['object', 'Custom Userevent data'],
    },
  ),
  event('ChannelHangupRequest', 'A hangup was requested on the channel.', {
    cause: ['int', 'Integer representation of the cause of the hangup.'],
    soft: ['boolean', 'Whether the hangup request was a soft hangup request.'],
    'channel!': ['Channel', 'The channel on which the hangup was requested.'],
  }),
  event('ChannelVarset', 'Channel variable changed.', {
    'variable!': ['string', 'The variable that changed.'],
    'value!': ['string', 'The new value of the variable.'],
    channel: [
      'Channel',
      'The channel on which the variable was set. If missing, the variable is a global variable.',
    ],
  }),
  event('ChannelToneDetected', 'Tone was detected on the channel.', { 'channel!': CH }),
  event('ChannelTalkingStarted', 'Talking was detected on the channel.', { 'channel!': CH }),
  event('ChannelTalkingFinished', 'Talking is no longer detected on the channel.', {
    'channel!': CH,
    'duration!': [
      'int',
      'The length of time, in milliseconds, that talking was detected on the channel',
    ],
  }),
  event('ChannelHold', 'A channel initiated a media hold.', {
    'channel!': CH,
    musicclass: ['string', 'The music on hold class that the initiator requested.'],
  }),
  event('ChannelUnhold', 'A channel initiated a media unhold.', { 'channel!': CH }),
  event('ChannelConnectedLine', 'Channel changed Connected Line.', {
    'channel!': ['Channel', 'The channel whose connected line has changed.'],
  }),
  event('ContactStatusChange', 'The state of a contact on an endpoint has changed.', {
    'endpoint!': ['Endpoint', ''],
    'contact_info!': ['ContactInfo', ''],
  }),
  event('EndpointStateChange', 'Endpoint state changed.', { 'endpoint!': ['Endpoint', ''] }),
  event('PeerStatusChange', 'The state of a peer associated with an endpoint has changed.', {
    'endpoint!': ['Endpoint', ''],
    'peer!': ['Peer', ''],
  }),
  event('Dial', 'Dialing state has changed.', {
    caller: ['Channel', 'The calling channel.'],
    'peer!': ['Channel', 'The dialed channel.'],
    forward: ['string', 'Forwarding target requested by the original dialed channel.'],
    forwarded: ['Channel', 'Channel that the caller has been forwarded to.'],
    dialstring: ['string', 'The dial string for calling the peer channel.'],
    'dialstatus!': ['string', 'Current status of the dialing attempt to the peer.'],
  }),
  event('StasisStart', 'Notification that a channel has entered a Stasis application.', {
    'args!': ['List[string]', 'Arguments to the application'],
    'channel!': CH,
    replace_channel: ['Channel', ''],
  }),
  event('StasisEnd', 'Notification that a channel has left a Stasis application.', {
    'channel!': CH,
  }),
  event('TextMessageReceived', 'A text message was received from an endpoint.', {
    'message!': ['TextMessage', ''],
    endpoint: ['Endpoint', ''],
  }),
];

for (const base of ['Message', 'Event']) {
  const m = EVENT_MODELS.find((x) => x.id === base)!;
  m.subTypes = EVENT_MODELS.filter((x) => x.extends === base).map((x) => x.id);
}

export const ALL_MODELS: ReadonlyMap<string, ModelDef> = new Map(
  [...RESOURCE_MODELS, ...EVENT_MODELS].map((m) => [m.id, m]),
);
