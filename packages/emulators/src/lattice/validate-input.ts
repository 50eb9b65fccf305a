import { createValidator } from '../aws-common/validate-shape.ts';
import { shapes } from './model.generated.ts';

/** Checks a value against a shape of the VPC Lattice model; patterns must match the whole value. */
export const validateShape = createValidator(shapes, 'VPC Lattice', { anchored: true });
