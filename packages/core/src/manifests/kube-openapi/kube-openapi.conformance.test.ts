import { describe, expect, it } from 'vitest';
import { buildKubeOpenApi } from '../../../scripts/kube-openapi-from-models.ts';
import { kubeOpenApiJson } from './kube-openapi.generated.ts';

describe('the committed Kubernetes schemas', () => {
  it('are exactly what kubernetes-models declares (regenerate with scripts/generate-kube-openapi.ts)', () => {
    expect(JSON.parse(kubeOpenApiJson)).toEqual(buildKubeOpenApi());
  }, 60_000);
});
