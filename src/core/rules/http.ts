// Rule family: http.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
