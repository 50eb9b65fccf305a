import type {
  AccessLog,
  ClientPolicy,
  Duration,
  HeaderMatchMethod,
  LoggingFormat,
  SubjectAlternativeNames,
  TlsValidationContextTrust,
} from '@aws-sdk/client-app-mesh';

/**
 * Conversion rules every kind shares, as the controller applies them: optional scalars pass through (absent
 * stays absent, so the API default applies), empty lists become absent (never `[]`), enums keep their case.
 */

/** Empty or absent lists are never sent. */
export function list<T, U>(
  items: readonly T[] | undefined,
  convert: (item: T, index: number) => U,
): U[] | undefined {
  return items && items.length > 0 ? items.map(convert) : undefined;
}

/** Copies only the keys whose value is set, so absent fields stay absent in the SDK input. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

export const duration = (d: { unit: 's' | 'ms'; value: number } | undefined): Duration | undefined =>
  d ? { unit: d.unit, value: d.value } : undefined;

type MatchMethodCrd = {
  exact?: string | undefined;
  prefix?: string | undefined;
  range?: { start: number; end: number } | undefined;
  regex?: string | undefined;
  suffix?: string | undefined;
};

/** Header, gRPC metadata and gateway-route header match methods share one shape. */
const matchMethod = (m: MatchMethodCrd | undefined): HeaderMatchMethod | undefined =>
  m
    ? (defined({
        exact: m.exact,
        prefix: m.prefix,
        range: m.range ? { start: m.range.start, end: m.range.end } : undefined,
        regex: m.regex,
        suffix: m.suffix,
      }) as HeaderMatchMethod)
    : undefined;

export const headerMatches = (
  items:
    | readonly { name: string; match?: MatchMethodCrd | undefined; invert?: boolean | undefined }[]
    | undefined,
) => list(items, (h) => defined({ name: h.name, invert: h.invert, match: matchMethod(h.match) }));

export const queryParameters = (
  items: readonly { name: string; match?: { exact?: string | undefined } | undefined }[] | undefined,
) =>
  list(items, (q) =>
    defined({ name: q.name, match: q.match ? defined({ exact: q.match.exact }) : undefined }),
  );

type TrustCrd = {
  acm?: { certificateAuthorityARNs: string[] } | undefined;
  file?: { certificateChain: string } | undefined;
  sds?: { secretName: string } | undefined;
};

export const trust = (t: TrustCrd): TlsValidationContextTrust =>
  defined({
    acm: t.acm ? { certificateAuthorityArns: [...t.acm.certificateAuthorityARNs] } : undefined,
    file: t.file ? { certificateChain: t.file.certificateChain } : undefined,
    sds: t.sds ? { secretName: t.sds.secretName } : undefined,
  }) as TlsValidationContextTrust;

export const subjectAlternativeNames = (
  san: { match: { exact: string[] } } | undefined,
): SubjectAlternativeNames | undefined =>
  san ? { match: { exact: list(san.match.exact, (e) => e) } } : undefined;

type CertCrd = {
  acm?: { certificateARN: string } | undefined;
  file?: { certificateChain: string; privateKey: string } | undefined;
  sds?: { secretName: string } | undefined;
};

export const certificate = (c: CertCrd) =>
  defined({
    acm: c.acm ? { certificateArn: c.acm.certificateARN } : undefined,
    file: c.file ? { certificateChain: c.file.certificateChain, privateKey: c.file.privateKey } : undefined,
    sds: c.sds ? { secretName: c.sds.secretName } : undefined,
  });

type ListenerTlsCrd = {
  mode: string;
  certificate: CertCrd;
  validation?:
    | { trust: TrustCrd; subjectAlternativeNames?: { match: { exact: string[] } } | undefined }
    | undefined;
};

/** A listener's TLS, the same for virtual nodes and gateways; the caller casts to its own SDK type. */
export const listenerTls = (t: ListenerTlsCrd | undefined) =>
  t
    ? defined({
        mode: t.mode,
        certificate: certificate(t.certificate),
        validation: t.validation
          ? defined({
              trust: trust(t.validation.trust),
              subjectAlternativeNames: subjectAlternativeNames(t.validation.subjectAlternativeNames),
            })
          : undefined,
      })
    : undefined;

type ConnectionPoolCrd = {
  http?: { maxConnections: number; maxPendingRequests?: number | undefined } | undefined;
  http2?: { maxRequests: number } | undefined;
  grpc?: { maxRequests: number } | undefined;
};

/** The http, http2 and grpc connection pools a node and a gateway listener share (a node adds tcp). */
export const connectionPool = (p: ConnectionPoolCrd) =>
  defined({
    http: p.http
      ? defined({ maxConnections: p.http.maxConnections, maxPendingRequests: p.http.maxPendingRequests })
      : undefined,
    http2: p.http2 ? { maxRequests: p.http2.maxRequests } : undefined,
    grpc: p.grpc ? { maxRequests: p.grpc.maxRequests } : undefined,
  });

type ClientPolicyCrd = {
  tls?:
    | {
        certificate?: CertCrd | undefined;
        enforce?: boolean | undefined;
        ports?: number[] | undefined;
        validation: { subjectAlternativeNames?: { match: { exact: string[] } } | undefined; trust: TrustCrd };
      }
    | undefined;
};

/** Client policy; VirtualGateway's SDK type has the same shape under another name. */
export const clientPolicy = (p: ClientPolicyCrd | undefined): ClientPolicy | undefined =>
  p
    ? defined({
        tls: p.tls
          ? defined({
              enforce: p.tls.enforce,
              ports: list(p.tls.ports, (x) => x),
              certificate: p.tls.certificate ? (certificate(p.tls.certificate) as never) : undefined,
              validation: defined({
                trust: trust(p.tls.validation.trust),
                subjectAlternativeNames: subjectAlternativeNames(p.tls.validation.subjectAlternativeNames),
              }),
            })
          : undefined,
      })
    : undefined;

type LoggingCrd = {
  accessLog?:
    | {
        file?:
          | {
              path: string;
              format?:
                | { json?: { key: string; value: string }[] | undefined; text?: string | undefined }
                | undefined;
            }
          | undefined;
      }
    | undefined;
};

export const logging = (l: LoggingCrd | undefined): { accessLog?: AccessLog } | undefined => {
  if (!l) return undefined;
  const file = l.accessLog?.file;
  if (!l.accessLog) return {};
  if (!file) return { accessLog: {} as AccessLog };
  const format = file.format
    ? (defined({
        text: file.format.text,
        json: list(file.format.json, (j) => ({ key: j.key, value: j.value })),
      }) as LoggingFormat)
    : undefined;
  return { accessLog: { file: defined({ path: file.path, format }) } as AccessLog };
};
