import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** STS speaks the AWS query protocol: a form-encoded POST (or a GET's query string) in, XML out. */
export async function readQuery(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const url = new URL(request.url ?? '/', 'http://sts');
  const params = new URLSearchParams(body);
  for (const [key, value] of url.searchParams) if (!params.has(key)) params.set(key, value);
  return params;
}

/** An XML element tree as STS's results have them: text leaves, nested members. */
export type XmlFields = { [member: string]: string | XmlFields };

const namespace = 'https://sts.amazonaws.com/doc/2011-06-15/';

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const members = (fields: XmlFields): string =>
  Object.entries(fields)
    .map(
      ([name, value]) =>
        `<${name}>${typeof value === 'string' ? escapeXml(value) : members(value)}</${name}>`,
    )
    .join('');

/** `<ActionResponse><ActionResult>…</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`. */
export function sendResult(response: ServerResponse, action: string, result: XmlFields): void {
  send(
    response,
    200,
    `<${action}Response xmlns="${namespace}"><${action}Result>${members(result)}</${action}Result>` +
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>`,
  );
}

/** The query protocol's error document; the SDK reads the code from `Error/Code`. */
export function sendError(
  response: ServerResponse,
  status: number,
  error: { code: string; message: string; type?: 'Sender' | 'Receiver' },
): void {
  send(
    response,
    status,
    `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.type ?? 'Sender'}</Type>` +
      `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  );
}

function send(response: ServerResponse, status: number, xml: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml) });
  response.end(xml);
}
