import { createValidator } from '../aws-common/validate-shape.ts';
import { shapes } from './model.generated.ts';

export { describeViolations, type Violation } from '../aws-common/validate-shape.ts';

/** Checks a value against a shape of the App Mesh model. */
export const validateShape = createValidator(shapes, 'App Mesh');
