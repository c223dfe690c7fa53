#!/usr/bin/env node
// Runs the TypeScript entry point through tsx, as every Shouwang process does.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
