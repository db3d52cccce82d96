/**
 * A layered layout of the conflict DAG, simple enough for hundreds of nodes in a frame: a node's layer is the length
 * of the longest dependency chain ending at it (so every edge points right), and within a layer nodes keep block
 * order. Only transactions with at least one dependency are drawn; beyond `cap` nodes the rest are left out (and
 * counted, so the view can say so).
 */
import type { ConflictAnalysis, Dependency } from '../../engine/analysis/conflicts.ts';

export interface DagNode {
  tx: number;
  layer: number;
  row: number;
  critical: boolean;
}

export interface DagLayout {
  nodes: DagNode[];
  edges: (Dependency & { critical: boolean })[];
  layers: number;
  rows: number;
  /** Transactions with dependencies that did not fit under the cap. */
  omitted: number;
  /** Transactions with no dependency either way (not drawn). */
  isolated: number;
}

export function layoutDag(a: Pick<ConflictAnalysis, 'edges' | 'criticalPath' | 'txCount'>, cap = 300): DagLayout {
  const involved = new Set<number>();
  for (const e of a.edges) {
    involved.add(e.from);
    involved.add(e.to);
  }
  const all = [...involved].sort((x, y) => x - y);
  const kept = new Set(all.slice(0, cap));
  const onPath = new Set(a.criticalPath);
  const critEdge = new Set<string>();
  for (let i = 1; i < a.criticalPath.length; i++) critEdge.add(`${a.criticalPath[i - 1]}>${a.criticalPath[i]}`);

  const edges = a.edges.filter((e) => kept.has(e.from) && kept.has(e.to)).map((e) => ({ ...e, critical: critEdge.has(`${e.from}>${e.to}`) }));
  const incoming = new Map<number, number[]>();
  for (const e of edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const layer = new Map<number, number>();
  // Block order is a topological order: every edge goes from an earlier transaction to a later one.
  for (const tx of [...kept].sort((x, y) => x - y)) {
    let l = 0;
    for (const f of incoming.get(tx) ?? []) l = Math.max(l, (layer.get(f) ?? 0) + 1);
    layer.set(tx, l);
  }
  const perLayer = new Map<number, number>();
  const nodes: DagNode[] = [...kept].sort((x, y) => x - y).map((tx) => {
    const l = layer.get(tx)!;
    const row = perLayer.get(l) ?? 0;
    perLayer.set(l, row + 1);
    return { tx, layer: l, row, critical: onPath.has(tx) };
  });
  return {
    nodes,
    edges,
    layers: Math.max(0, ...[...layer.values()].map((l) => l + 1)),
    rows: Math.max(0, ...perLayer.values()),
    omitted: all.length - kept.size,
    isolated: a.txCount - all.length,
  };
}
