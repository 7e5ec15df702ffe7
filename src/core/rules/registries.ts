// Rule family: registries.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
