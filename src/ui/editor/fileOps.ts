/** The file tabs' actions over the editor's project: add, rename, delete (confirmed), each checked by project.ts. */
import { addFile, deleteFile, freshName, renameFile, type Project } from '../../editor/project.ts';

export function fileOps(get: () => Project, set: (p: Project) => void) {
  return {
    add(): void {
      const next = addFile(get(), freshName(get()));
      if (typeof next === 'string') alert(next);
      else set(next);
    },
    /** Returns a message when the name is refused (the tab shows it). */
    rename(from: string, to: string): string | undefined {
      const next = renameFile(get(), from, to);
      if (typeof next === 'string') return next;
      set(next);
      return undefined;
    },
    remove(name: string): void {
      if (!confirm(`Delete ${name}? Its text is gone unless you restore a previous project.`)) return;
      const next = deleteFile(get(), name);
      if (typeof next === 'string') alert(next);
      else set(next);
    },
  };
}
