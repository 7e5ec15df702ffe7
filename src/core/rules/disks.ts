// Rule family: disks.
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = [];
