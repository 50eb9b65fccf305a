/**
 * The OpenAPI v2 document in the protobuf form kubectl asks `/openapi/v2` for (gnostic's
 * `openapi.v2.Document`, Accept `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`):
 * client-go decodes nothing else there, so a JSON answer breaks `kubectl explain
 * --output=plaintext-openapiv2` and the client-side validation kubectl falls back to for a kind the
 * v3 documents do not describe. Only what the definitions use is encoded: the schema keywords below and
 * the `x-kubernetes-*` extensions (as YAML, which JSON text is), `x-kubernetes-group-version-kind` above
 * all, by which kubectl finds a kind's schema.
 */
export const openApiV2ProtobufType = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
/** What the API server answers it with: the `@` is not valid in a media type, and Go's parser says so. */
export const openApiV2ProtobufServedType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let n = BigInt(value);
  do {
    const low = Number(n & 0x7fn);
    n >>= 7n;
    bytes.push(n > 0n ? low | 0x80 : low);
  } while (n > 0n);
  return Buffer.from(bytes);
}

const tag = (field: number, wireType: number) => varint((field << 3) | wireType);
const bytesField = (field: number, bytes: Buffer) =>
  Buffer.concat([tag(field, 2), varint(bytes.length), bytes]);
const stringField = (field: number, value: string) => bytesField(field, Buffer.from(value, 'utf8'));
const intField = (field: number, value: number) => Buffer.concat([tag(field, 0), varint(value)]);
const boolField = (field: number, value: boolean) => (value ? intField(field, 1) : Buffer.alloc(0));
function doubleField(field: number, value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return Buffer.concat([tag(field, 1), bytes]);
}

/** gnostic's `Any`: a value as YAML text (field 2). */
const anyValue = (value: Json) => stringField(2, JSON.stringify(value));
/** `NamedAny`, `NamedSchema` …: a name (1) and a message (2). */
const named = (name: string, message: Buffer) =>
  Buffer.concat([stringField(1, name), bytesField(2, message)]);

/** One `openapi.v2.Schema` from a JSON schema whose references already point at `#/definitions/`. */
function schemaMessage(schema: JsonObject): Buffer {
  const parts: Buffer[] = [];
  const str = (field: number, key: string) => {
    if (typeof schema[key] === 'string') parts.push(stringField(field, schema[key] as string));
  };
  const num = (field: number, key: string, encode: (f: number, v: number) => Buffer) => {
    if (typeof schema[key] === 'number') parts.push(encode(field, schema[key] as number));
  };
  str(1, '$ref');
  str(2, 'format');
  str(3, 'title');
  str(4, 'description');
  if (schema.default !== undefined) parts.push(bytesField(5, anyValue(schema.default)));
  num(6, 'multipleOf', doubleField);
  num(7, 'maximum', doubleField);
  if (schema.exclusiveMaximum === true) parts.push(boolField(8, true));
  num(9, 'minimum', doubleField);
  if (schema.exclusiveMinimum === true) parts.push(boolField(10, true));
  num(11, 'maxLength', intField);
  num(12, 'minLength', intField);
  str(13, 'pattern');
  num(14, 'maxItems', intField);
  num(15, 'minItems', intField);
  if (schema.uniqueItems === true) parts.push(boolField(16, true));
  num(17, 'maxProperties', intField);
  num(18, 'minProperties', intField);
  for (const name of (schema.required as string[] | undefined) ?? []) parts.push(stringField(19, name));
  for (const value of (schema.enum as Json[] | undefined) ?? []) parts.push(bytesField(20, anyValue(value)));
  const additional = schema.additionalProperties;
  if (isObject(additional)) parts.push(bytesField(21, bytesField(1, schemaMessage(additional))));
  else if (typeof additional === 'boolean') parts.push(bytesField(21, intField(2, additional ? 1 : 0)));
  if (typeof schema.type === 'string') parts.push(bytesField(22, stringField(1, schema.type)));
  if (isObject(schema.items)) parts.push(bytesField(23, bytesField(1, schemaMessage(schema.items))));
  for (const part of (schema.allOf as JsonObject[] | undefined) ?? [])
    parts.push(bytesField(24, schemaMessage(part)));
  if (isObject(schema.properties)) {
    const properties = Object.entries(schema.properties).map(([name, s]) =>
      bytesField(1, named(name, schemaMessage(s as JsonObject))),
    );
    parts.push(bytesField(25, Buffer.concat(properties)));
  }
  if (schema.readOnly === true) parts.push(boolField(27, true));
  if (schema.example !== undefined) parts.push(bytesField(30, anyValue(schema.example)));
  for (const [key, value] of Object.entries(schema))
    if (key.startsWith('x-')) parts.push(bytesField(31, named(key, anyValue(value))));
  return Buffer.concat(parts);
}

/** The whole `openapi.v2.Document` of a Swagger 2.0 document: swagger, info and the definitions. */
export function openApiV2Protobuf(document: {
  swagger: string;
  info: { title: string; version: string };
  definitions: Record<string, Json>;
}): Buffer {
  const definitions = Object.entries(document.definitions).map(([name, schema]) =>
    bytesField(1, named(name, schemaMessage(schema as JsonObject))),
  );
  return Buffer.concat([
    stringField(1, document.swagger),
    bytesField(
      2,
      Buffer.concat([stringField(1, document.info.title), stringField(2, document.info.version)]),
    ),
    bytesField(9, Buffer.concat(definitions)),
  ]);
}
