// Rule family: cloud.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
