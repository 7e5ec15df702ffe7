// Rule family: kubernetes.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
