// Worker threads do not inherit the parent's TypeScript loader (tsx registered through its API in
// bin/snowman.mjs, or vitest's transform), so this plain-JS entry registers tsx for the worker.
import { register } from 'tsx/esm/api';

register();
await import('./thread-worker.ts');
