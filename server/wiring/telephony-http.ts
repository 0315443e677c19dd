import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Router } from 'express';
import type { Crm } from '../../crm-core/index.js';
import type { TelephonyStatusResponse } from '../contracts/index.js';
import { requireAccess } from '../api/auth.js';
import { HttpError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { crmId } from './crm-ids.js';

const RECORDING_NAME = /^[\w.-]{1,128}$/;

export type TelephonyStatus = TelephonyStatusResponse;

export interface TelephonyRoutesDeps {
  crm: Crm;
  logger: Logger;
  allowedOrigins: readonly string[];
  ari: { url: string; username: string; password: string };
  status(): TelephonyStatus;
}

/**
 * `GET /api/v1/telephony/status` (is this the simulator?) and
 * `GET /api/v1/recordings/:name` — a stored call recording streamed from ARI
 * (`GET /recordings/stored/{name}/file`) to supervisors only, with an audit entry per listen.
 */
export function telephonyRoutes(deps: TelephonyRoutesDeps): Router {
  const router = Router();
  router.get('/telephony/status', (_req, res) => {
    res.json(deps.status());
  });
  router.get(
    '/recordings/:name',
    requireAccess(['supervisor', 'admin'], deps.crm.sessions, deps.allowedOrigins),
    async (req, res) => {
      const name = String(req.params.name);
      if (!RECORDING_NAME.test(name)) {
        throw new HttpError(
          400,
          'invalid_input',
          'a recording name is 1-128 letters, digits, . - _',
        );
      }
      const user = res.locals.user as { userId: string };
      const auth = Buffer.from(`${deps.ari.username}:${deps.ari.password}`).toString('base64');
      const upstream = await fetch(
        `${deps.ari.url.replace(/\/$/, '')}/ari/recordings/stored/${encodeURIComponent(name)}/file`,
        { headers: { authorization: `Basic ${auth}` } },
      ).catch((err: unknown) => {
        deps.logger.error({ err }, 'ARI unreachable for a stored recording');
        throw new HttpError(502, 'pbx_unavailable', 'the PBX did not answer');
      });
      if (upstream.status === 404) {
        throw new HttpError(404, 'not_found', `no stored recording ${name}`);
      }
      if (!upstream.ok || !upstream.body) {
        deps.logger.error({ status: upstream.status, name }, 'ARI refused a stored recording');
        throw new HttpError(502, 'pbx_error', 'the PBX could not serve the recording');
      }
      await deps.crm.audit.record({
        actorId: crmId(user.userId),
        action: 'recording.listen',
        entity: 'recording',
        entityId: name,
        details: {},
      });
      res.status(200);
      res.setHeader('content-type', upstream.headers.get('content-type') ?? 'audio/wav');
      const length = upstream.headers.get('content-length');
      if (length) res.setHeader('content-length', length);
      res.setHeader('cache-control', 'private, no-store');
      Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>).pipe(res);
    },
  );
  return router;
}
