// The notebook: argument trails, the stance ledger and notes over the library's passages, with
// undo and redo for every change, and exports. Every door (CLI, IPC, HTTP) calls these.
export { backlinks } from './backlinks';
export { notebookContext, type NotebookContext, type NotebookOptions } from './context';
export { exportedNotes, exportedTrail } from './export-document';
export type { NoteInput } from './note-content';
export { exportNotebookJson, importNotebookJson, type NotebookImported } from './notebook-file';
export {
  createNote,
  deleteNote,
  editNote,
  getNote,
  listNotes,
  noteSummary,
  redoNotes,
  undoNotes,
  type NewNoteTarget,
} from './notes';
export { listStances, redoStances, setStance, undoStances } from './stances';
export {
  addStep,
  createTrail,
  deleteTrail,
  editTrail,
  getTrail,
  listTrails,
  moveStep,
  redoTrail,
  relateStep,
  removeStep,
  setStepNote,
  setStepStance,
  undoTrail,
  type NewStep,
  type NewTrail,
  type TrailEdit,
} from './trails';
export { exportNotebookMarkdown, exportTrail, TRAIL_EXPORT_FORMATS, type TrailExportFormat } from './export';
