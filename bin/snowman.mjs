#!/usr/bin/env node
// The development runner: the CLI straight from the TypeScript sources through tsx (a dev
// dependency), so tests and `npm run train|eval|score|serve` match the checkout without a build.
// The published package's `snowman` is the compiled dist/cli/snowman.mjs (build.mjs).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/bin.ts');
