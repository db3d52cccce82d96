/**
 * The editor's project: several Solidity files that import each other by name (`import "./IToken.sol";`), one of
 * them active. Pure data and pure operations, each returning a new project or a message that says why not.
 */
import type { CompileInput, CompileOutput, CompiledContract } from '../workloads/compiler/standardJson.ts';
import { show } from '../engine/scenario/errors.ts';
import { HARDFORK } from './build.ts';

export interface SourceFile {
  name: string;
  text: string;
}

export interface Project {
  files: SourceFile[];
  active: string;
  /** A built-in contract opened for reading: edits are refused until it is copied. */
  readOnly?: boolean;
}

export const MAX_FILES = 20;
/** A whole project stays well under what a URL and local storage hold comfortably. */
export const MAX_PROJECT_CHARS = 200_000;

/** Why `name` cannot be a file name in `project` (`except`: the file being renamed), or undefined. */
export function fileNameProblem(project: Project, name: string, except?: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,63}\.sol$/.test(name)) return `${show(name)} is not a file name: use letters, digits, _ . - and end with .sol (e.g. Token.sol)`;
  if (project.files.some((f) => f.name === name && f.name !== except)) return `there is already a file named ${name}`;
  return undefined;
}

/** A free name like `Untitled2.sol`. */
export function freshName(project: Project, stem = 'Untitled'): string {
  for (let i = 1; ; i++) {
    const name = `${stem}${i === 1 ? '' : i}.sol`;
    if (!project.files.some((f) => f.name === name)) return name;
  }
}

export function addFile(project: Project, name: string, text = ''): Project | string {
  if (project.files.length >= MAX_FILES) return `a project holds at most ${MAX_FILES} files`;
  const bad = fileNameProblem(project, name);
  if (bad) return bad;
  const contract = name.replace(/\.sol$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const body = text || `// SPDX-License-Identifier: MIT\npragma solidity ^0.8.20;\n\ncontract ${contract} {\n}\n`;
  return { ...project, files: [...project.files, { name, text: body }], active: name };
}

export function renameFile(project: Project, from: string, to: string): Project | string {
  if (from === to) return project;
  const bad = fileNameProblem(project, to, from);
  if (bad) return bad;
  return {
    ...project,
    files: project.files.map((f) => (f.name === from ? { ...f, name: to } : f)),
    active: project.active === from ? to : project.active,
  };
}

export function deleteFile(project: Project, name: string): Project | string {
  if (project.files.length <= 1) return 'a project needs at least one file';
  const files = project.files.filter((f) => f.name !== name);
  return { ...project, files, active: project.active === name ? files[0]!.name : project.active };
}

export function setText(project: Project, name: string, text: string): Project {
  return { ...project, files: project.files.map((f) => (f.name === name ? { ...f, text } : f)) };
}

/** What the solc worker compiles: every file, for the hardfork the built scenarios run on. */
export function compileInput(project: Project): CompileInput {
  return { sources: Object.fromEntries(project.files.map((f) => [f.name, f.text])), hardfork: HARDFORK };
}

/** `File.sol:Name` of every contract that can be deployed (interfaces and abstract contracts have no bytecode). */
export function deployableContracts(out: CompileOutput): string[] {
  const ids: string[] = [];
  for (const [file, contracts] of Object.entries(out.contracts)) {
    for (const [name, c] of Object.entries(contracts)) if (c.bytecode !== '0x') ids.push(`${file}:${name}`);
  }
  return ids;
}

export function findContract(out: CompileOutput, id: string): CompiledContract | undefined {
  const at = id.lastIndexOf(':');
  return out.contracts[id.slice(0, at)]?.[id.slice(at + 1)];
}
