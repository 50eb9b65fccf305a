/** The App Mesh tables against ../shared/appmesh/service-2.json (the shared conformance suite). */
import { describeModelConformance } from '../aws-common/model-conformance-suite.ts';
import { operations } from './model.generated.ts';
import { validateShape } from './validate-input.ts';

describeModelConformance({ target: 'appmesh', operations, operationCount: 38, validateShape });
