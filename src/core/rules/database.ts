// Rule family: database.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
