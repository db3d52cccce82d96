/**
 * The browser's `WasmSource` for `secp256k1.ts`: the .wasm as a build asset (`vite.config.ts` aliases
 * `parallax:secp256k1.wasm` to the package's binary, which its exports do not name), fetched from the site's own
 * origin — and so listed in precache.json and served by the service worker offline.
 */
import wasmUrl from 'parallax:secp256k1.wasm?url';
import type { WasmSource } from './secp256k1.ts';

export const browserWasmSource: WasmSource = () => fetch(new URL(wasmUrl, import.meta.url));
