// The volunteers' console API as a browser calls it (tests/integration/console*.test.ts): JSON in and
// out, the console's own Origin on every POST (or another, or none), the session cookie when given.

export interface ConsoleAnswer<T> {
  status: number;
  body: T;
  /** Every Set-Cookie of the answer. */
  cookies: string[];
}

export interface ConsoleCall {
  body?: unknown;
  cookie?: string | undefined;
  /** The Origin a POST sends: the console's by default, `null` for none. */
  origin?: string | null;
}

/** `api(path, …)` against `${base}/console/api`, POSTing with `origin()` unless told otherwise. */
export function consoleApi(base: () => string, origin: () => string) {
  return async <T = Record<string, unknown>>(
    path: string,
    options: ConsoleCall = {},
  ): Promise<ConsoleAnswer<T>> => {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      const sentOrigin = options.origin === undefined ? origin() : options.origin;
      if (sentOrigin !== null) headers.origin = sentOrigin;
    }
    if (options.cookie) headers.cookie = options.cookie;
    const response = await fetch(`${base()}/console/api${path}`, {
      method: options.body !== undefined ? 'POST' : 'GET',
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as T,
      cookies: response.headers.getSetCookie(),
    };
  };
}
