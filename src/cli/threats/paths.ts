/** Where the packaged threat list lives in the package and what its files are called. */
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The committed list, next to model/ at the package root (a checkout and the installed package alike). */
export const SHIPPED_THREATS_DIR = path.join(PACKAGE_ROOT, 'threats');
export const THREATS_LIST_FILE = 'list.bin';
export const THREATS_NAMES_FILE = 'names.txt';
export const THREATS_PROVENANCE_FILE = 'provenance.json';
