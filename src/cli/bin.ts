#!/usr/bin/env node
/**
 * The `snowman` process: runs the CLI in this process (no child), so a signal sent to it — by a
 * terminal, a service manager or npx — reaches `serve`'s own handlers.
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
