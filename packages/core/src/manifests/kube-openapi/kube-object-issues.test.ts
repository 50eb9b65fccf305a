import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../desired/validate-manifests.ts';
import { kubeFieldPath, kubeObjectIssues } from './kube-object-issues.ts';

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
${spec}`;

const goodSpec = `  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1
          imagePullPolicy: IfNotPresent
          ports:
            - containerPort: 8080
`;

const errorsOf = (spec: string) => {
  const result = validateManifests([{ path: 'apps/web.yaml', content: deployment(spec) }]);
  return result.ok
    ? []
    : result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.path}: ${d.message}`);
};

describe('plain Kubernetes objects against the Kubernetes OpenAPI schemas', () => {
  it('accepts a well-formed Deployment', () => {
    expect(errorsOf(goodSpec)).toEqual([]);
  });

  it('refuses an unknown field at the top of spec, naming file, line, column and the field it resembles', () => {
    expect(errorsOf(goodSpec.replace('replicas: 2', 'replica: 2'))).toEqual([
      'apps/web.yaml:7:3 spec.replica: unknown field "replica" (did you mean "replicas"?)',
    ]);
  });

  it('refuses an unknown field deep in the pod template', () => {
    expect(
      errorsOf(goodSpec.replace('containerPort: 8080', 'containerPort: 8080\n              hostIp: x')),
    ).toEqual([
      'apps/web.yaml:22:15 spec.template.spec.containers[0].ports[0].hostIp: unknown field "hostIp" (did you mean "hostIP"?)',
    ]);
  });

  it('refuses a value outside an enum with the supported values', () => {
    expect(errorsOf(goodSpec.replace('IfNotPresent', 'Sometimes'))).toEqual([
      'apps/web.yaml:19:11 spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"',
    ]);
  });

  it('refuses wrong types, missing required fields, out-of-range ports and names that are not DNS labels', () => {
    expect(errorsOf(goodSpec.replace('replicas: 2', 'replicas: two'))).toEqual([
      'apps/web.yaml:7:3 spec.replicas: cannot unmarshal string into a field of type int32',
    ]);
    expect(errorsOf(goodSpec.replace('- name: web', '- name: Web_1'))).toEqual([
      expect.stringContaining(
        'spec.template.spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label',
      ),
    ]);
    expect(errorsOf(goodSpec.replace('8080', '70000'))).toEqual([
      'apps/web.yaml:21:15 spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    const noSelector = goodSpec.replace('  selector:\n    matchLabels:\n      app: web\n', '');
    expect(errorsOf(noSelector)).toEqual(['apps/web.yaml:6:1 spec.selector: Required value']);
  });

  it('refuses a selector that does not match the template labels, as the apps validator does', () => {
    expect(errorsOf(goodSpec.replace('      app: web\n  template', '      app: api\n  template'))).toEqual([
      expect.stringContaining(
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ),
    ]);
  });

  it('reports every problem of an object in one pass', () => {
    const spec = goodSpec.replace('replicas: 2', 'replica: 2').replace('IfNotPresent', 'Sometimes');
    expect(errorsOf(spec)).toHaveLength(2);
  });

  it('leaves kinds it has no schema for to the API server', () => {
    expect(kubeObjectIssues('networking.k8s.io/v1', 'Ingress', { spec: { anything: 1 } })).toBeUndefined();
    expect(kubeFieldPath(['spec', 'containers', 0, 'name'])).toBe('spec.containers[0].name');
  });
});
