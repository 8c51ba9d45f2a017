import { trailToArgdown } from '../export/argdown';
import { trailToMarkdown } from '../export/markdown';
import { notebookToMarkdownFiles } from '../export/notebook-files';
import type { NotebookContext } from './context';
import { exportedNotes, exportedTrail } from './export-document';
import { exportTrailJson } from './notebook-file';
import { liveTrail } from './trails';

export const TRAIL_EXPORT_FORMATS = ['md', 'argdown', 'json'] as const;
export type TrailExportFormat = (typeof TRAIL_EXPORT_FORMATS)[number];

export function exportTrail(ctx: NotebookContext, trailId: number, format: TrailExportFormat): string {
  liveTrail(ctx, trailId);
  switch (format) {
    case 'md':
      return trailToMarkdown(exportedTrail(ctx, trailId));
    case 'argdown':
      return trailToArgdown(exportedTrail(ctx, trailId));
    case 'json':
      return exportTrailJson(ctx, trailId);
  }
}

/** The notebook as Markdown files (an index and one file per trail), relative paths. */
export function exportNotebookMarkdown(ctx: NotebookContext): { path: string; content: string }[] {
  const trails = ctx.stores.notebook.trails.list().map((t) => exportedTrail(ctx, t.id));
  return notebookToMarkdownFiles(trails, exportedNotes(ctx));
}
