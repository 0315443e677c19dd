import type { ApiError } from './contracts.js';

/**
 * A failed API call: the server's `{error, message, details}`, or `network` when it could not be
 * reached.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** A request body sent as it is instead of as JSON. */
interface RawBody {
  text: string;
  contentType: string;
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

/** JSON over fetch, same origin, with the session cookie (and the token when one is known). */
export class ApiClient {
  token: string | null = null;

  constructor(
    private readonly fetchFn: FetchFn,
    private readonly base = '',
  ) {}

  url(path: string, query: Record<string, string | undefined> = {}): string {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, v);
    const qs = params.toString();
    return `${this.base}/api/v1${path}${qs ? `?${qs}` : ''}`;
  }

  get<T>(path: string, query: Record<string, string | undefined> = {}): Promise<T> {
    return this.send<T>('GET', this.url(path, query));
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', this.url(path), body);
  }

  /** A file sent as it is (a CSV upload), with its own content type. */
  postText<T>(path: string, text: string, contentType: string): Promise<T> {
    return this.send<T>('POST', this.url(path), undefined, { text, contentType });
  }

  private async send<T>(method: string, url: string, body?: unknown, raw?: RawBody): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let payload: string | undefined;
    if (raw) {
      headers['content-type'] = raw.contentType;
      payload = raw.text;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        credentials: 'same-origin',
        ...(payload !== undefined ? { body: payload } : {}),
      });
    } catch {
      throw new ApiFailure(0, 'network', 'the server could not be reached');
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const e = (json ?? {}) as Partial<ApiError>;
      throw new ApiFailure(
        res.status,
        e.error ?? `http_${res.status}`,
        e.message ?? res.statusText,
        e.details,
      );
    }
    return json as T;
  }
}
