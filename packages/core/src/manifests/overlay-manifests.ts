import { type ManifestObject, objectIdentity } from './manifest-object.ts';

/**
 * Overlays layers of manifest objects in order: an object in a later layer replaces the earlier object with the
 * same group, kind, namespace and name, in the earlier object's place; new objects are appended. Namespaces
 * compare as written, so `metadata.namespace` omitted and set are different objects here.
 */
export function overlayManifests(layers: readonly (readonly ManifestObject[])[]): ManifestObject[] {
  const result: ManifestObject[] = [];
  const position = new Map<string, number>();
  for (const layer of layers) {
    for (const object of layer) {
      const id = objectIdentity(object);
      const at = position.get(id);
      if (at === undefined) {
        position.set(id, result.length);
        result.push(object);
      } else {
        result[at] = object;
      }
    }
  }
  return result;
}
