import { z } from 'zod';

/**
 * ARI objects as Asterisk sends them (field names kept as ARI spells them, so they read the
 * same as Asterisk's documentation and the recorded trace). Everything from ARI is checked
 * against these schemas before the rest of the code sees it.
 */
const callerId = z.object({ name: z.string(), number: z.string() });

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.string(),
  protocol_id: z.string().optional(),
  caller: callerId,
  connected: callerId,
  accountcode: z.string(),
  dialplan: z.object({
    context: z.string(),
    exten: z.string(),
    priority: z.number(),
    app_name: z.string(),
    app_data: z.string(),
  }),
  creationtime: z.string(),
  language: z.string(),
});

export const bridgeSchema = z.object({
  id: z.string(),
  technology: z.string(),
  bridge_type: z.string(),
  bridge_class: z.string(),
  creator: z.string(),
  name: z.string(),
  channels: z.array(z.string()),
  creationtime: z.string().optional(),
  video_mode: z.string().optional(),
});

export const playbackSchema = z.object({
  id: z.string(),
  media_uri: z.string(),
  next_media_uri: z.string().optional(),
  target_uri: z.string(),
  language: z.string().optional(),
  state: z.string(),
});

export const liveRecordingSchema = z.object({
  name: z.string(),
  format: z.string(),
  state: z.string(),
  target_uri: z.string(),
  duration: z.number().optional(),
  cause: z.string().optional(),
});

export const applicationSchema = z.object({
  name: z.string(),
  channel_ids: z.array(z.string()),
  bridge_ids: z.array(z.string()),
  endpoint_ids: z.array(z.string()),
  device_names: z.array(z.string()),
});

export const storedRecordingSchema = z.object({ name: z.string(), format: z.string() });

export const pingSchema = z.object({
  asterisk_id: z.string(),
  ping: z.string(),
  timestamp: z.string(),
});

export type AriChannel = z.infer<typeof channelSchema>;
export type AriBridge = z.infer<typeof bridgeSchema>;
export type AriPlayback = z.infer<typeof playbackSchema>;
export type AriLiveRecording = z.infer<typeof liveRecordingSchema>;
export type AriApplication = z.infer<typeof applicationSchema>;
export type AriStoredRecording = z.infer<typeof storedRecordingSchema>;
