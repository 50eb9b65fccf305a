/** The VPC Lattice tables against ../shared/lattice/service-2.json (the shared conformance suite). */
import { describeModelConformance } from '../aws-common/model-conformance-suite.ts';
import { operations } from './model.generated.ts';
import { validateShape } from './validate-input.ts';

describeModelConformance({ target: 'lattice', operations, operationCount: 73, validateShape });
