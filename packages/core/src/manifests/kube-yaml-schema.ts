import { FAILSAFE_SCHEMA, type Schema as JsYamlSchema, Type } from 'js-yaml';
import { isScalar, Schema } from 'yaml';

interface ScalarTag {
  tag: string;
  default?: boolean | 'key';
  test?: RegExp;
  resolve(value: string, onError: (message: string) => void, options: object): unknown;
}

const refuse = (message: string) => {
  throw new Error(message);
};

/** The `yaml` library's YAML 1.1 plain-scalar tags, by tag name, in the order that library tries them. */
function yaml11ScalarTags(): Map<string, ScalarTag[]> {
  const byName = new Map<string, ScalarTag[]>();
  for (const t of new Schema({ schema: 'yaml-1.1' }).tags as ScalarTag[]) {
    if (t.default !== true || t.test === undefined) continue;
    byName.set(t.tag, [...(byName.get(t.tag) ?? []), t]);
  }
  return byName;
}

/**
 * The YAML 1.1 plain scalars the Kubernetes decoder speaks (`yes`/`on` booleans, `0644` octals, `1_000`,
 * sexagesimals, timestamps), for js-yaml. js-yaml keeps one type per tag, so each type tries the `yaml`
 * library's own tests and resolvers for that tag in that library's order: both parsers give every scalar
 * the same value. A scalar a resolver refuses throws, and the loader falls back to the `yaml` library.
 */
export const kubeYamlSchema: JsYamlSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    ...[...yaml11ScalarTags()].map(([tag, variants]) => {
      // js-yaml asks every type about every plain scalar: one expression per tag answers at once.
      const any = new RegExp(variants.map((v) => `(?:${v.test!.source})`).join('|'));
      return new Type(tag, {
        kind: 'scalar',
        resolve: (data: unknown) => typeof data === 'string' && any.test(data),
        construct: (data: string) => {
          const value = variants
            .find((v) => v.test!.test(data))!
            .resolve(data, refuse, { intAsBigInt: false });
          // Some resolvers wrap the value to remember its source format.
          return isScalar(value) ? value.value : value;
        },
      });
    }),
    // The `<<` merge key, which js-yaml recognises by this tag.
    new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: unknown) => data === '<<' }),
  ],
});
