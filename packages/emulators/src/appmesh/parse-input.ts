import { badRequest } from './errors.ts';
import { type OperationName, operations, shapes } from './model.generated.ts';

/**
 * Builds an operation's input from the HTTP request per the model's bindings: URI labels, query-string
 * members (numbers parsed), headers, and the JSON body for unbound members.
 */
export function parseInput(
  operation: OperationName,
  labels: Readonly<Record<string, string>>,
  query: URLSearchParams,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  body: string,
): Record<string, unknown> {
  const members = shapes[operations[operation].input]?.members ?? {};
  const input: Record<string, unknown> = {};
  if (body.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (cause) {
      throw Object.assign(badRequest('The request body is not valid JSON'), { cause });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw badRequest('The request body must be a JSON object');
    Object.assign(input, parsed);
  }
  for (const [name, member] of Object.entries(members)) {
    const wireName = member.locationName ?? name;
    let raw: string | undefined;
    if (member.location === 'uri') raw = labels[wireName];
    else if (member.location === 'querystring') raw = query.get(wireName) ?? undefined;
    else if (member.location === 'header') {
      const h = headers[wireName.toLowerCase()];
      raw = Array.isArray(h) ? h.join(',') : h;
    } else continue;
    if (raw === undefined) continue;
    const type = shapes[member.shape]?.type;
    // A query number that does not parse stays a string, so validation names it.
    input[name] = (type === 'integer' || type === 'long') && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return input;
}

/** The response body: the payload member itself when the output has one, otherwise the output object. */
export function serializeOutput(operation: OperationName, output: Record<string, unknown>): string {
  const outputShape = operations[operation].output;
  const payload = outputShape ? shapes[outputShape]?.payload : undefined;
  return JSON.stringify(payload ? output[payload] : output);
}
