/* built by tools/build.js; the agent simulator's `rm -rf build` targets this folder */
'use strict';
module.exports = require('../src/index.js');
