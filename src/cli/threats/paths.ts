/** Where the packaged threat list lives in the repository and what its files are called. */
import { fileURLToPath } from 'node:url';

/** The committed list, next to model/ at the package root. */
export const SHIPPED_THREATS_DIR = fileURLToPath(new URL('../../../threats/', import.meta.url));
export const THREATS_LIST_FILE = 'list.bin';
export const THREATS_NAMES_FILE = 'names.txt';
export const THREATS_PROVENANCE_FILE = 'provenance.json';
