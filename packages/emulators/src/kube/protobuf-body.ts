import { badRequest, KubeStatusError } from './kube-status-error.ts';
import { type ProtoMessage, protoKinds, protoMessages } from './protobuf-schema.ts';

export const protobufContentType = 'application/vnd.kubernetes.protobuf';

/** Every Kubernetes protobuf body starts with these four bytes, then a runtime.Unknown envelope. */
const magic = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

interface WireField {
  number: number;
  wireType: number;
  /** A varint's value, or the bytes of a length-delimited field. */
  value: bigint | Buffer;
}

function readVarint(bytes: Buffer, at: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = at; i < bytes.length; i++) {
    const byte = bytes[i]!;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, i + 1];
    shift += 7n;
  }
  throw badRequest('protobuf: truncated varint');
}

function readFields(bytes: Buffer): WireField[] {
  const fields: WireField[] = [];
  let at = 0;
  while (at < bytes.length) {
    const [key, next] = readVarint(bytes, at);
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) {
      const [value, after] = readVarint(bytes, next);
      fields.push({ number, wireType, value });
      at = after;
    } else if (wireType === 2) {
      const [length, start] = readVarint(bytes, next);
      const end = start + Number(length);
      if (end > bytes.length) throw badRequest('protobuf: truncated field');
      fields.push({ number, wireType, value: bytes.subarray(start, end) });
      at = end;
    } else if (wireType === 1 || wireType === 5) {
      at = next + (wireType === 1 ? 8 : 4);
    } else throw badRequest(`protobuf: unsupported wire type ${wireType}`);
  }
  return fields;
}

function decodeValue(type: string, field: WireField): unknown {
  if (type === 'string') return (field.value as Buffer).toString('utf8');
  if (type === 'bytes') return (field.value as Buffer).toString('base64');
  if (type === 'int') return Number(BigInt.asIntN(64, field.value as bigint));
  if (type === 'bool') return field.value !== 0n;
  if (type === 'Time') {
    // An unset timestamp is an empty message: JSON's null, which the server ignores.
    const { seconds } = decodeMessage(type, field.value as Buffer) as { seconds?: number };
    return seconds ? `${new Date(seconds * 1000).toISOString().slice(0, 19)}Z` : undefined;
  }
  return decodeMessage(type, field.value as Buffer);
}

function decodeMessage(name: string, bytes: Buffer): Record<string, unknown> {
  const message: ProtoMessage | undefined = protoMessages[name];
  if (!message) throw badRequest(`protobuf: no decoder for ${name}`);
  const out: Record<string, unknown> = {};
  for (const field of readFields(bytes)) {
    const known = message[field.number];
    // A field this table does not know (one kubectl's create commands never set) is dropped.
    if (!known) continue;
    const [fieldName, type] = known;
    if (type.startsWith('map:')) {
      const entry = readFields(field.value as Buffer);
      const key = entry.find((f) => f.number === 1);
      const value = entry.find((f) => f.number === 2);
      const map = (out[fieldName] ?? {}) as Record<string, unknown>;
      out[fieldName] = map;
      map[key ? (key.value as Buffer).toString('utf8') : ''] = value ? decodeValue(type.slice(4), value) : '';
    } else if (type.startsWith('[]')) {
      out[fieldName] = [
        ...((out[fieldName] as unknown[] | undefined) ?? []),
        decodeValue(type.slice(2), field),
      ];
    } else {
      const pointer = type.endsWith('*');
      const value = decodeValue(pointer ? type.slice(0, -1) : type, field);
      const zero = value === '' || value === 0 || value === false;
      if (value !== undefined && (pointer || !zero)) out[fieldName] = value;
    }
  }
  return out;
}

/**
 * Decodes a `application/vnd.kubernetes.protobuf` request body of a built-in kind into the JSON
 * object the API server would have decoded, so kubectl's typed clients (which send protobuf for
 * built-in kinds) work. A kind the table does not cover answers 415, as for any unsupported type.
 */
export function decodeProtobufBody(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(magic))
    throw badRequest('protobuf: the body does not start with the Kubernetes magic number');
  const envelope = decodeMessage('Unknown', body.subarray(4));
  const typeMeta = (envelope.typeMeta ?? {}) as { apiVersion?: string; kind?: string };
  const apiVersion = typeMeta.apiVersion ?? '';
  const kind = typeMeta.kind ?? '';
  const message = protoKinds[`${apiVersion}/${kind}`];
  if (!message)
    throw new KubeStatusError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
    );
  const raw = Buffer.from(String(envelope.raw ?? ''), 'base64');
  const object = decodeMessage(message, raw);
  // An unset status comes as an empty message; the server ignores status on create.
  delete object.status;
  return { apiVersion, kind, metadata: {}, ...object };
}
