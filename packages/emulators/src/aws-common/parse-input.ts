import type { OperationDef, ShapeDef } from './model-types.ts';

/** The parts of an HTTP request an operation's input is built from. */
export interface RestRequestParts {
  readonly labels: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * Builds an operation's input from the HTTP request per the model's bindings: URI labels, query-string
 * members (numbers parsed, lists from repeated keys), headers, and the JSON body for unbound members.
 * `invalid` makes the service's error for a body that is not a JSON object.
 */
export function parseRestInput(
  def: OperationDef,
  shapes: Readonly<Record<string, ShapeDef>>,
  parts: RestRequestParts,
  invalid: (message: string) => Error,
): Record<string, unknown> {
  const members = shapes[def.input]?.members ?? {};
  const input: Record<string, unknown> = {};
  if (parts.body.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(parts.body);
    } catch (cause) {
      throw Object.assign(invalid('The request body is not valid JSON'), { cause });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw invalid('The request body must be a JSON object');
    Object.assign(input, parsed);
  }
  for (const [name, member] of Object.entries(members)) {
    const wireName = member.locationName ?? name;
    const type = shapes[member.shape]?.type;
    if (member.location === 'querystring' && type === 'list') {
      const all = parts.query.getAll(wireName);
      if (all.length > 0) input[name] = all;
      continue;
    }
    let raw: string | undefined;
    if (member.location === 'uri') raw = parts.labels[wireName];
    else if (member.location === 'querystring') raw = parts.query.get(wireName) ?? undefined;
    else if (member.location === 'header') {
      const h = parts.headers[wireName.toLowerCase()];
      raw = Array.isArray(h) ? h.join(',') : h;
    } else continue;
    if (raw === undefined) continue;
    // A query number that does not parse stays a string, so validation names it.
    input[name] = (type === 'integer' || type === 'long') && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return input;
}

/** The response body: the payload member itself when the output has one, otherwise the output object. */
export function serializeRestOutput(
  def: OperationDef,
  shapes: Readonly<Record<string, ShapeDef>>,
  output: Record<string, unknown>,
): string {
  const payload = def.output ? shapes[def.output]?.payload : undefined;
  return JSON.stringify(payload ? output[payload] : output);
}
