// Rule family: paas.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
