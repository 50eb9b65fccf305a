/** The Cloud Map tables against ../shared/cloudmap/service-2.json (the shared conformance suite). */
import { describeModelConformance } from '../aws-common/model-conformance-suite.ts';
import { operations } from './model.generated.ts';
import { validateShape } from './validate-input.ts';

describeModelConformance({ target: 'cloudmap', operations, operationCount: 30, validateShape });
