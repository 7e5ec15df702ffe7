// Fast static check (no editor needed): the commands declared in package.json contributes.commands and
// the commands the extension registers in src/vscode/**/*.ts must be the same set.
//   declared -> registered: the id is the (resolved) first argument of a registerCommand /
//                           registerTextEditorCommand call (or, if some call's id cannot be resolved,
//                           at least appears as a string literal in src/vscode)
//   registered -> declared: every id passed to those calls (string literals, and constants resolved
//                           through the type checker, e.g. `registerCommand(Commands.assess, ...)`)
// Prints one line per problem and a final `N passed, N failed`; exits non-zero on any mismatch.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'src', 'vscode');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const declared = (manifest.contributes?.commands ?? []).map((c) => c.command);

const files = [];
const walk = (dir) => {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) files.push(p);
  }
};
walk(srcDir);

const problems = [];
let checks = 0;
const check = (ok, problem) => {
  checks++;
  if (!ok) problems.push(problem);
};

if (files.length === 0) {
  check(false, 'src/vscode has no TypeScript sources to check');
} else {
  const config = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root);
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const rel = (node) => {
    const sf = node.getSourceFile();
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart());
    return `${path.relative(root, sf.fileName)}:${line + 1}`;
  };
  /** The string values an expression can have, when the type checker knows them. */
  const literalValues = (expr) => {
    if (ts.isStringLiteralLike(expr)) return [expr.text];
    const type = checker.getTypeAtLocation(expr);
    const parts = type.isUnion() ? type.types : [type];
    return parts.every((t) => t.isStringLiteral()) ? parts.map((t) => t.value) : null;
  };
  const registered = new Map(); // id -> where
  const literals = new Set();
  let unresolved = 0;
  for (const sf of program.getSourceFiles()) {
    if (!files.includes(path.normalize(sf.fileName))) continue;
    const visit = (node) => {
      if (ts.isStringLiteralLike(node)) literals.add(node.text);
      if (ts.isCallExpression(node) && node.arguments.length > 0) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
        if (name === 'registerCommand' || name === 'registerTextEditorCommand') {
          const values = literalValues(node.arguments[0]);
          if (values) for (const v of values) registered.set(v, rel(node));
          else {
            unresolved++;
            console.warn(`check-commands: warning: cannot resolve the command id at ${rel(node)}; make it a string constant`);
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  for (const id of declared) {
    // when some registration could not be resolved, a string literal with the id is accepted instead
    check(registered.has(id) || (unresolved > 0 && literals.has(id)), `declared in package.json but not registered in src/vscode: ${id}`);
  }
  for (const [id, where] of registered) {
    check(declared.includes(id), `registered at ${where} but not declared in package.json contributes.commands: ${id}`);
  }
  for (const id of declared) check(/^airlock\./.test(id), `command id does not start with "airlock.": ${id}`);
  console.log(`check-commands: ${declared.length} declared, ${registered.size} registered in ${files.length} file(s) of src/vscode`);
}
for (const p of problems) console.log(`check-commands: ${p}`);
console.log(`${checks - problems.length} passed, ${problems.length} failed`);
process.exitCode = problems.length > 0 ? 1 : 0;
