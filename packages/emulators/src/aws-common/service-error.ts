/**
 * An error an emulated service answers with: the HTTP status, `x-amzn-ErrorType`, and a JSON body of
 * `message` plus the error shape's other members (quota codes, resource ids, field lists …).
 */
export class AwsServiceError extends Error {
  readonly type: string;
  readonly status: number;
  /** Body members besides `message`. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    type: string,
    status: number,
    message: string,
    extra: { fields?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message, { cause: extra.cause });
    this.name = type;
    this.type = type;
    this.status = status;
    this.fields = extra.fields ?? {};
    this.headers = extra.headers ?? {};
  }
}
