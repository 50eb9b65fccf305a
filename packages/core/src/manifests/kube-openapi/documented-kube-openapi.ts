import { type KubeOpenApiDocument, kubeOpenApi } from './kube-openapi.ts';
import { kubeOpenApiDescriptionsJson } from './kube-openapi-descriptions.generated.ts';
import { type DescriptionTree, withDescriptions } from './schema-descriptions.ts';

let documented: KubeOpenApiDocument | undefined;

/** The Kubernetes schemas with their descriptions, as the API server's OpenAPI documents serve them. */
export function documentedKubeOpenApi(): KubeOpenApiDocument {
  documented ??= withDescriptions(
    kubeOpenApi(),
    JSON.parse(kubeOpenApiDescriptionsJson) as DescriptionTree,
  ) as KubeOpenApiDocument;
  return documented;
}
