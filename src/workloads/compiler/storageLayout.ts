/**
 * solc's storage layout (`storageLayout` output) as plain nested types: which slot and offset holds which variable,
 * and for mappings, arrays and structs what lies inside. Enough to name a storage slot (`app/explain/storageNames.ts`).
 */

/** A type in storage, as far as naming a slot needs it. */
export type StorageType =
  | { kind: 'value'; label: string; bytes: number }
  | { kind: 'mapping'; label: string; key: string; value: StorageType }
  | { kind: 'struct'; label: string; bytes: number; members: StorageVar[] }
  | { kind: 'array'; label: string; bytes: number; base: StorageType; length?: number }
  | { kind: 'bytes'; label: string };

export interface StorageVar {
  label: string;
  /** Decimal, as solc gives it. */
  slot: string;
  /** Byte offset inside the slot (packed variables). */
  offset: number;
  type: StorageType;
}

/** solc's `storageLayout` output for one contract. */
export interface SolcLayout {
  storage?: { label: string; slot: string; offset: number; type: string }[];
  types?: Record<string, { encoding: string; label: string; numberOfBytes: string; key?: string; value?: string; base?: string; members?: { label: string; slot: string; offset: number; type: string }[] }> | null;
}

const MAX_TYPE_DEPTH = 6;

/** solc's storage layout as plain nested types (recursive structs are cut off at a depth nobody reads). */
export function storageOf(layout: SolcLayout | undefined): StorageVar[] {
  const types = layout?.types ?? {};
  const typeOf = (id: string, depth: number): StorageType => {
    const t = types[id];
    if (!t || depth > MAX_TYPE_DEPTH) return { kind: 'value', label: t?.label ?? id, bytes: 32 };
    const bytes = Number(t.numberOfBytes);
    if (t.encoding === 'mapping') return { kind: 'mapping', label: t.label, key: types[t.key!]?.label ?? 'uint256', value: typeOf(t.value!, depth + 1) };
    if (t.encoding === 'bytes') return { kind: 'bytes', label: t.label };
    if (t.encoding === 'dynamic_array') return { kind: 'array', label: t.label, bytes, base: typeOf(t.base!, depth + 1) };
    if (t.members) return { kind: 'struct', label: t.label, bytes, members: t.members.map((m) => varOf(m, depth + 1)) };
    if (t.base) return { kind: 'array', label: t.label, bytes, base: typeOf(t.base, depth + 1), length: Number(/\[(\d+)\]$/.exec(t.label)?.[1] ?? 0) };
    return { kind: 'value', label: t.label, bytes };
  };
  const varOf = (v: { label: string; slot: string; offset: number; type: string }, depth: number): StorageVar => ({
    label: v.label,
    slot: v.slot,
    offset: v.offset,
    type: typeOf(v.type, depth),
  });
  return (layout?.storage ?? []).map((v) => varOf(v, 0));
}


