import { createHash, randomInt } from 'node:crypto';
import { stableJson } from '../../aws-common/stable-json.ts';
import { applyDefaults } from '../apply-defaults.ts';
import { isObject } from '../field-path.ts';
import { clone } from '../json-value.ts';
import type { KubeObject } from '../kube-object.ts';
import { controllerRef } from './controller-writer.ts';
import { nodeName } from './pod-status.ts';

export type Template = { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };

/** The alphabet the real controllers use for generated suffixes (no vowels, no look-alikes). */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

const encode = (bytes: Buffer, length: number): string =>
  [...bytes.subarray(0, length)].map((b) => alphabet[b % alphabet.length]).join('');

/** A stable short hash of a pod template: the `pod-template-hash` / `controller-revision-hash` value. */
export const templateHash = (template: unknown): string =>
  encode(createHash('sha256').update(stableJson(template)).digest(), 10);

/** Five random characters, as `generateName` gets from the real server. */
export const randomSuffix = (): string =>
  Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('');

export const templateOf = (workload: KubeObject): Template => {
  const spec = isObject(workload.spec) ? workload.spec : {};
  return (isObject(spec.template) ? spec.template : {}) as Template;
};

/** A Pod as a workload controller creates it: the template's metadata and spec, owned by `owner`. */
export function podFromTemplate(
  owner: KubeObject,
  template: Template,
  name: string,
  extraLabels: Record<string, string>,
  generateName?: string,
): KubeObject {
  const metadata = isObject(template.metadata) ? template.metadata : {};
  const labels = { ...((metadata.labels as Record<string, string> | undefined) ?? {}), ...extraLabels };
  const annotations = metadata.annotations as Record<string, string> | undefined;
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(generateName ? { generateName } : {}),
      namespace: owner.metadata.namespace,
      labels,
      ...(annotations && Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: { ...clone(template.spec ?? {}), nodeName },
  };
  return applyDefaults(pod, undefined, () => '');
}
