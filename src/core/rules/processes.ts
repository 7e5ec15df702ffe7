// Rule family: processes.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
