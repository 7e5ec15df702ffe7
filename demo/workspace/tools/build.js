'use strict';
// "Builds" the demo app into build/ (a copy of src/ with a banner), so there is a build folder to delete.
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'build');
fs.mkdirSync(out, { recursive: true });
for (const file of fs.readdirSync(path.join(root, 'src'))) {
  const source = fs.readFileSync(path.join(root, 'src', file), 'utf8');
  fs.writeFileSync(path.join(out, file), `/* built ${new Date().toISOString()} */\n${source}`);
}
console.log(`built ${fs.readdirSync(out).length} file(s) into build/`);
