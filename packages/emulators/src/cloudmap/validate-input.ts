import { createValidator } from '../aws-common/validate-shape.ts';
import { shapes } from './model.generated.ts';

export { describeViolations, type Violation } from '../aws-common/validate-shape.ts';

/** Checks a value against a shape of the Cloud Map model; name patterns use lookaheads, so they are anchored. */
export const validateShape = createValidator(shapes, 'Cloud Map', { anchored: true });
