import { isObject } from './field-path.ts';
import { clone, deepEqual } from './json-value.ts';
import { KubeStatusError } from './kube-status-error.ts';

export interface JsonPatchOperation {
  op: 'add' | 'remove' | 'replace' | 'move' | 'copy' | 'test';
  path: string;
  value?: unknown;
  from?: string;
}

/** RFC 6902 JSON patch. A failed `test` or a missing path rejects the whole patch (422, as the server does). */
export function jsonPatch(document: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw patchError('the JSON patch must be an array of operations');
  let doc = clone(document);
  operations.forEach((raw, index) => {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw patchError(`operation ${index} needs string "op" and "path"`);
    }
    const op = raw as unknown as JsonPatchOperation;
    switch (op.op) {
      case 'add':
        doc = add(doc, op.path, clone(op.value));
        break;
      case 'remove':
        doc = remove(doc, op.path);
        break;
      case 'replace':
        doc = add(remove(doc, op.path), op.path, clone(op.value));
        break;
      case 'move': {
        const value = get(doc, from(op, index));
        doc = add(remove(doc, from(op, index)), op.path, value);
        break;
      }
      case 'copy':
        doc = add(doc, op.path, clone(get(doc, from(op, index))));
        break;
      case 'test':
        if (!deepEqual(get(doc, op.path), op.value))
          throw patchError(`test operation failed at "${op.path}"`);
        break;
      default:
        throw patchError(`operation ${index} has unknown op "${String(raw.op)}"`);
    }
  });
  return doc;
}

function from(op: JsonPatchOperation, index: number): string {
  if (typeof op.from !== 'string') throw patchError(`operation ${index} (${op.op}) needs "from"`);
  return op.from;
}

const tokens = (pointer: string): string[] => {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw patchError(`invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
};

function get(doc: unknown, pointer: string): unknown {
  let node = doc;
  for (const token of tokens(pointer)) {
    const next = child(node, token);
    if (next === undefined) throw patchError(`path "${pointer}" does not exist`);
    node = next;
  }
  return node;
}

function child(node: unknown, token: string): unknown {
  if (Array.isArray(node)) return node[Number(token)];
  if (isObject(node)) return Object.hasOwn(node, token) ? node[token] : undefined;
  return undefined;
}

function parentOf(doc: unknown, pointer: string): { parent: unknown; last: string } {
  const path = tokens(pointer);
  const last = path.pop();
  if (last === undefined) return { parent: undefined, last: '' };
  return { parent: get(doc, path.length === 0 ? '' : `/${path.map(escapeToken).join('/')}`), last };
}

const escapeToken = (token: string): string => token.replaceAll('~', '~0').replaceAll('/', '~1');

function add(doc: unknown, pointer: string, value: unknown): unknown {
  if (pointer === '') return value;
  const { parent, last } = parentOf(doc, pointer);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw patchError(`bad index in "${pointer}"`);
    parent.splice(index, 0, value);
  } else if (isObject(parent)) parent[last] = value;
  else throw patchError(`path "${pointer}" has no parent object`);
  return doc;
}

function remove(doc: unknown, pointer: string): unknown {
  get(doc, pointer);
  const { parent, last } = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObject(parent)) delete parent[last];
  return doc;
}

const patchError = (message: string): KubeStatusError =>
  new KubeStatusError(
    422,
    'Invalid',
    `the server rejected our request due to an error in our request: ${message}`,
  );
