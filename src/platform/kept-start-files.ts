/**
 * The early reads' IndexedDB copy (early-reads.ts): one record in the extension's own database,
 * which web pages cannot open (another origin), replaced whole by each build that writes one.
 */
import type { KeptCopy } from './early-reads.js';

const DATABASE = 'snowman-start';
const STORE = 'kept';
const KEY = 'start-files';

function requestResult<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
    opening.onsuccess = () => resolve(opening.result);
    opening.onerror = () => reject(opening.error ?? new Error(`IndexedDB ${DATABASE} cannot be opened`));
    opening.onblocked = () => reject(new Error(`IndexedDB ${DATABASE} is blocked`));
  });
}

/** Reads and writes the kept copy; every failure rejects (the caller reads the package instead). */
export function keptStartFiles(): { read(): Promise<KeptCopy | undefined>; write(copy: KeptCopy): Promise<void> } {
  let database: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => (database ??= openDatabase());
  return {
    read: async () =>
      (await requestResult((await open()).transaction(STORE).objectStore(STORE).get(KEY))) as KeptCopy | undefined,
    write: async (copy) => {
      const transaction = (await open()).transaction(STORE, 'readwrite');
      transaction.objectStore(STORE).put(copy, KEY);
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
        transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
      });
    },
  };
}
