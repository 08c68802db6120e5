#!/usr/bin/env node
// The command line runs the same TypeScript in lib/ as the server; tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
