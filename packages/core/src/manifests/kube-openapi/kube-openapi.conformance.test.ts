import { describe, expect, it } from 'vitest';
import { buildKubeOpenApi } from '../../../scripts/kube-openapi-from-models.ts';
import { documentedKubeOpenApi } from './documented-kube-openapi.ts';
import { kubeOpenApiJson } from './kube-openapi.generated.ts';
import { kubeOpenApiDescriptionsJson } from './kube-openapi-descriptions.generated.ts';
import { splitDescriptions } from './schema-descriptions.ts';

describe('the committed Kubernetes schemas', () => {
  it('are exactly what kubernetes-models declares (regenerate with scripts/generate-kube-openapi.ts)', () => {
    const built = buildKubeOpenApi();
    expect({
      bare: JSON.parse(kubeOpenApiJson),
      descriptions: JSON.parse(kubeOpenApiDescriptionsJson),
    }).toEqual(splitDescriptions(built));
    // The emulator's documents carry every description where the API server has it.
    expect(documentedKubeOpenApi()).toEqual(built);
    expect(kubeOpenApiJson).not.toContain('"description"');
  }, 60_000);
});
