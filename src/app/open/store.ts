/**
 * Opened files, kept in this browser: IndexedDB, since a real block is megabytes (localStorage holds ~5 MB per site,
 * shared with the setup, the last run and the editor — `persist.ts`). Two stores, so listing "Your files" never reads
 * the bodies: `meta` (small entries, `types.ts` FileMeta) and `body` (the converted scenario's text). Usable from the
 * page and from a worker. Every failure is a rejected promise with a plain message; callers say it in a notice.
 */
import type { FileMeta } from './types.ts';

const DB = 'parallax-files';
const VERSION = 1;
const META = 'meta';
const BODY = 'body';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new Error('this browser offers no IndexedDB'));
    const req = indexedDB.open(DB, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'id' });
      if (!db.objectStoreNames.contains(BODY)) db.createObjectStore(BODY, { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`IndexedDB could not be opened (${req.error?.message ?? 'unknown error'})`));
    req.onblocked = () => reject(new Error('IndexedDB is busy in another tab'));
  });
}

async function tx<T>(stores: string[], mode: IDBTransactionMode, work: (t: IDBTransaction) => IDBRequest<T> | undefined): Promise<T | undefined> {
  const db = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const t = db.transaction(stores, mode);
      const req = work(t);
      t.oncomplete = () => resolve(req?.result);
      t.onerror = () => reject(new Error(t.error?.name === 'QuotaExceededError' ? 'the browser’s storage is full' : `storage failed (${t.error?.message ?? 'unknown error'})`));
      t.onabort = () => reject(new Error(t.error?.name === 'QuotaExceededError' ? 'the browser’s storage is full' : 'storage was interrupted'));
    });
  } finally {
    db.close();
  }
}

/** Every stored file, newest first. */
export async function listFiles(): Promise<FileMeta[]> {
  const all = (await tx<FileMeta[]>([META], 'readonly', (t) => t.objectStore(META).getAll())) ?? [];
  return all.filter(isMeta).sort((a, b) => b.addedAt - a.addedAt);
}

export async function saveFile(meta: FileMeta, text: string): Promise<void> {
  await tx([META, BODY], 'readwrite', (t) => {
    t.objectStore(BODY).put({ id: meta.id, text });
    t.objectStore(META).put(meta);
    return undefined;
  });
}

export async function readFile(id: string): Promise<{ meta: FileMeta; text: string } | undefined> {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const t = db.transaction([META, BODY], 'readonly');
      const meta = t.objectStore(META).get(id);
      const body = t.objectStore(BODY).get(id);
      t.oncomplete = () => {
        const m = meta.result as unknown;
        const b = body.result as { text?: unknown } | undefined;
        resolve(isMeta(m) && typeof b?.text === 'string' ? { meta: m, text: b.text } : undefined);
      };
      t.onerror = () => reject(new Error(`storage failed (${t.error?.message ?? 'unknown error'})`));
    });
  } finally {
    db.close();
  }
}

export async function removeFile(id: string): Promise<void> {
  await tx([META, BODY], 'readwrite', (t) => {
    t.objectStore(META).delete(id);
    t.objectStore(BODY).delete(id);
    return undefined;
  });
}

/** Storage is untrusted (another version of the page wrote it): entries of another shape are skipped. */
function isMeta(x: unknown): x is FileMeta {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return typeof m['id'] === 'string' && typeof m['name'] === 'string' && typeof m['label'] === 'string' && typeof m['kind'] === 'string' &&
    typeof m['addedAt'] === 'number' && typeof m['txCount'] === 'number' && typeof m['link'] === 'object' && m['link'] !== null;
}
