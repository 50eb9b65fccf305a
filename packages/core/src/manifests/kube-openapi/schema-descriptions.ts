/**
 * The Kubernetes schemas' descriptions, kept apart from the schemas: validation never reads them and they
 * are three quarters of the text, which every command and function that validates would otherwise load.
 * Only the emulator's OpenAPI documents (for `kubectl explain`) put them back.
 *
 * A description tree has the shape of the value it describes, holding only `description` strings and the
 * objects and arrays (as objects keyed by index) on the way to them.
 */
export type DescriptionTree = { description?: string } & { [key: string]: DescriptionTree | string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The value without its `description` strings, and the tree of them; undefined tree when there were none. */
export function splitDescriptions(value: unknown): { bare: unknown; descriptions?: DescriptionTree } {
  if (!isObject(value)) return { bare: value };
  const descriptions: DescriptionTree = {};
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const bare: unknown[] | Record<string, unknown> = Array.isArray(value) ? [] : {};
  for (const [key, child] of entries) {
    if (key === 'description' && typeof child === 'string' && !Array.isArray(value)) {
      descriptions.description = child;
      continue;
    }
    const split = splitDescriptions(child);
    if (Array.isArray(bare)) bare.push(split.bare);
    else bare[key] = split.bare;
    if (split.descriptions) descriptions[key] = split.descriptions;
  }
  return Object.keys(descriptions).length > 0 ? { bare, descriptions } : { bare };
}

/** A copy of `bare` with the descriptions of `tree` put back where they were, each first among its keys. */
export function withDescriptions(bare: unknown, tree: DescriptionTree | undefined): unknown {
  if (!tree || !isObject(bare)) return bare;
  if (Array.isArray(bare)) return bare.map((v, i) => withDescriptions(v, subtree(tree, String(i))));
  const out: Record<string, unknown> =
    tree.description === undefined ? {} : { description: tree.description };
  for (const [key, child] of Object.entries(bare)) out[key] = withDescriptions(child, subtree(tree, key));
  return out;
}

const subtree = (tree: DescriptionTree, key: string): DescriptionTree | undefined => {
  const child = tree[key];
  return typeof child === 'object' ? child : undefined;
};
