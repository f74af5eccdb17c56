import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: tests run from dist/test/<kind>/, three levels below it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = path.join(REPO_ROOT, 'fixtures');
export const BIN = path.join(REPO_ROOT, 'bin');
/** Set UPDATE_GOLDEN=1 to rewrite golden files from what the code produces now; review the diff. */
export const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1';
