/** Label and annotation that mark a cluster object as meshcd's, and whose (DESIGN.md "Contracts"). */
export const managedByLabel = 'app.kubernetes.io/managed-by';
const targetAnnotation = 'meshcd.io/target';
/** On a workload: which member the injector configured it for, and a hash of what it applied. */
export const injectionAnnotation = 'meshcd.io/injection';

/** Field managers: Git objects and the injection are separate applies, so neither undoes the other. */
export const gitFieldManager = 'meshcd';
export const injectorFieldManager = 'meshcd-injector';

type KubeBody = Record<string, unknown> & { metadata?: Record<string, unknown> };

const metadataOf = (object: KubeBody) => (object.metadata ?? {}) as Record<string, unknown>;
const mapOf = (value: unknown) => (value ?? {}) as Record<string, string>;

/** The object with meshcd's ownership label and target annotation added. */
export function withOwnership<T extends KubeBody>(object: T, targetId: string): T {
  const metadata = metadataOf(object);
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...mapOf(metadata.labels), [managedByLabel]: 'meshcd' },
      annotations: { ...mapOf(metadata.annotations), [targetAnnotation]: targetId },
    },
  };
}

/** True when the object carries meshcd's label and this target's annotation. */
export function isOwnedBy(object: KubeBody, targetId: string): boolean {
  const metadata = metadataOf(object);
  return (
    mapOf(metadata.labels)[managedByLabel] === 'meshcd' &&
    mapOf(metadata.annotations)[targetAnnotation] === targetId
  );
}

/** The injection annotation of a live workload, when the injector has configured it. */
export const injectionMarkOf = (object: KubeBody): string | undefined =>
  mapOf(metadataOf(object).annotations)[injectionAnnotation];
