// Rule family: execution.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
