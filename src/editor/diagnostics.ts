/**
 * Compiler messages → what the editor shows: a problems list (errors first, then by file and line) and, per file,
 * marker ranges. solc points at a start only (line and column, already converted from its byte offsets), so a
 * marker covers the word that starts there, or one character.
 */
import type { CompileMessage, CompileOutput } from '../workloads/compiler/standardJson.ts';

export interface ProblemItem {
  severity: 'error' | 'warning' | 'info';
  /** e.g. `ParserError`, `TypeError`, `Warning`. */
  type: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface MarkerRange {
  severity: ProblemItem['severity'];
  message: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function problemsOf(out: Pick<CompileOutput, 'errors'>): ProblemItem[] {
  return out.errors
    .map((e: CompileMessage): ProblemItem => {
      const p: ProblemItem = { severity: e.severity, type: e.type, message: e.message };
      if (e.file !== undefined) p.file = e.file;
      if (e.line !== undefined) p.line = e.line;
      if (e.column !== undefined) p.column = e.column;
      return p;
    })
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Markers for one file's text. */
export function markersFor(problems: readonly ProblemItem[], file: string, text: string): MarkerRange[] {
  const lines = text.split('\n');
  return problems
    .filter((p) => p.file === file && p.line !== undefined)
    .map((p) => {
      const line = Math.min(p.line!, lines.length);
      const lineText = lines[line - 1] ?? '';
      const start = Math.min(p.column ?? 1, lineText.length + 1);
      const word = /^[A-Za-z0-9_$]+/.exec(lineText.slice(start - 1));
      const end = start + Math.max(1, word?.[0].length ?? 1);
      return { severity: p.severity, message: `${p.type}: ${p.message}`, startLineNumber: line, startColumn: start, endLineNumber: line, endColumn: end };
    });
}

export function counts(problems: readonly ProblemItem[]): { errors: number; warnings: number } {
  return { errors: problems.filter((p) => p.severity === 'error').length, warnings: problems.filter((p) => p.severity === 'warning').length };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line compile status: `Compiling…`, `2 errors, 1 warning`, `Compiled: 1 contract`. */
export function compileStatus(s: { compiling: boolean; failure: string | null; contracts: number; errors: number; warnings: number }): string {
  if (s.failure) return `The compiler failed: ${s.failure}`;
  if (s.compiling) return 'Compiling…';
  const warnings = s.warnings ? `, ${plural(s.warnings, 'warning')}` : '';
  return s.errors > 0 ? `${plural(s.errors, 'error')}${warnings}` : `Compiled: ${plural(s.contracts, 'contract')}${warnings}`;
}
