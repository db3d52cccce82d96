// Node 20 does not apply `--import tsx` to a .ts worker entry: register tsx here, then load the real entry.
import { register } from 'tsx/esm/api';

register();
await import('./worker.node.ts');
