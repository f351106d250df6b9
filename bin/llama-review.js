#!/usr/bin/env node
// The CLI entry installed as `llama-review`; the code lives in the bundle that `npm install` builds.
require('../dist/cli.js').runCommandLine();
