export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

interface TokenBody {
  /** Sort key of the last item returned: the next page starts after it, so creates and deletes between pages are harmless. */
  after: string;
  /** The request the token was issued for; a token is valid only for the same list. */
  scope: string;
}

export interface PageOptions {
  limit?: number;
  nextToken?: string;
  scope: string;
  defaultLimit: number;
  /** The service's error for a token it did not issue, or issued for another list. */
  invalidToken: (message: string) => Error;
}

const encode = (body: TokenBody): string => Buffer.from(JSON.stringify(body)).toString('base64url');

function decode(token: string, options: PageOptions): TokenBody {
  try {
    const body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenBody>;
    if (typeof body.after === 'string' && body.scope === options.scope) return body as TokenBody;
  } catch (cause) {
    throw Object.assign(options.invalidToken('The nextToken is invalid'), { cause });
  }
  throw options.invalidToken('The nextToken is invalid or was issued for a different request');
}

/**
 * One page of a list sorted by `key` (the services leave order undocumented; sorting makes it deterministic).
 * Without a limit a page holds up to `defaultLimit` items; the last page has no nextToken.
 */
export function paginate<T>(all: readonly T[], key: (item: T) => string, options: PageOptions): Page<T> {
  const sorted = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const after = options.nextToken === undefined ? undefined : decode(options.nextToken, options).after;
  const rest = after === undefined ? sorted : sorted.filter((item) => key(item) > after);
  const size = options.limit ?? options.defaultLimit;
  const items = rest.slice(0, size);
  const last = items[items.length - 1];
  if (rest.length <= size || last === undefined) return { items };
  return { items, nextToken: encode({ after: key(last), scope: options.scope }) };
}
