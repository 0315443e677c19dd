import type { Crm } from '../../crm-core/index.js';
import type { AcdSnapshot } from '../../routing/index.js';
import type { CallRecord, DialOutRecord, DialOutRequest } from '../../telephony/index.js';
import type { Logger } from '../logger.js';
import type { DialerKeys } from './keys.js';

/** What the dialer needs from the call layer (TelephonyService fits it). */
export interface DialerTelephony {
  /** Originates once per channel id; asking again answers the first dial's record. */
  dial(request: DialOutRequest): Promise<DialOutRecord>;
  dialRecord(channelId: string): Promise<DialOutRecord | null>;
  /**
   * The dial's outcome after waiting up to `timeoutMs`; a dial still "ringing" then is checked
   * against the PBX (its end may have been missed while no server drove) and closed if gone.
   */
  dialOutcome(channelId: string, timeoutMs: number): Promise<DialOutRecord | null>;
  call(callId: string): Promise<CallRecord | null>;
  /**
   * False while this node drives telephony without its ARI connection (starting, reconnecting):
   * an originate now would be refused and the attempt spent without a ring.
   */
  canDial(): boolean;
}

/** The ACD's view of agents and queues (AcdStore fits it). */
export interface DialerAcd {
  snapshot(): Promise<AcdSnapshot>;
}

/** The Redis commands the dialer uses (an ioredis connection fits it). */
export interface DialerRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, px: 'PX', ms: number, nx: 'NX'): Promise<'OK' | null>;
  set(key: string, value: string, px: 'PX', ms: number): Promise<'OK'>;
  del(...keys: string[]): Promise<number>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  hincrby(key: string, field: string, increment: number): Promise<number>;
  hset(key: string, field: string, value: string): Promise<number>;
  hgetall(key: string): Promise<Record<string, string>>;
  pexpire(key: string, ms: number): Promise<number>;
}

/** Adds a dial job (BullMQ; a job id that exists already is not added again). */
export type AddDialJob = (job: DialJob) => Promise<void>;

export interface DialJob {
  campaignId: number;
  contactId: number;
  attempt: number;
  /** The channel id of this attempt: the originate is idempotent on it. */
  channelId: string;
  /** Preview: the agent who chose to dial. */
  agentId?: string;
}

export interface DialerDeps {
  crm: Crm;
  telephony: DialerTelephony;
  acd: DialerAcd;
  redis: DialerRedis;
  keys: DialerKeys;
  addDialJob: AddDialJob;
  /** Wall time, as the CRM stores it: calling hours, retry times. */
  now: () => Date;
  /** The telephony clock (ms): ring and agent times are measured on it. */
  telephonyNow: () => number;
  /** `PJSIP/{number}@pstn`: the endpoint a contact's number is dialled through. */
  endpointTemplate: string;
  logger: Logger;
}
