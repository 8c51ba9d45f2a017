import { useId, useState, type FormEvent } from 'react';
import type { Args } from '../../../shared/api/contract';
import type { ImportSummary } from '../../../shared/model/library';
import { api, ApiCallError } from '../api/client';
import { FORMAT_LABEL } from '../lib/format';

type ImportFormat = NonNullable<Args<'import.files'>['format']>;
const FORMATS: ImportFormat[] = ['auto', 'text', 'markdown', 'discourse', 'reddit', 'hackernews', 'mail', 'html'];

export interface ImportFormProps {
  onImported: (imported: ImportSummary[]) => void;
  onError: (title: string, error: unknown) => void;
}

/**
 * Browser mode only: the HTTP door serves the person who started `crux serve` on this machine,
 * so a typed path is theirs to import. The desktop app uses File › Import… instead.
 */
export function ImportForm({ onImported, onError }: ImportFormProps) {
  const [paths, setPaths] = useState('');
  const [format, setFormat] = useState<ImportFormat>('auto');
  const [busy, setBusy] = useState(false);
  const pathsId = useId();
  const formatId = useId();

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const list = paths
      .split('\n')
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (list.length === 0) return;
    setBusy(true);
    try {
      const { imported, failed } = await api.call('import.files', { paths: list, format });
      if (failed.length === 0) setPaths('');
      if (imported.length > 0) onImported(imported);
      if (failed.length > 0) {
        // Core messages usually start with the file already; never print it twice.
        const lines = failed.map((f) => (f.error.startsWith(f.file) ? f.error : `${f.file}: ${f.error}`));
        const message =
          lines.length === 1 ? lines[0]! : `${failed.length} of ${failed.length + imported.length} files failed.`;
        onError('Import failed.', new ApiCallError('bad-input', message, lines));
      }
    } catch (error) {
      onError('Import failed.', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="import-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={pathsId}>Thread files, folders or .zip archives on this computer (full path, one per line)</label>
      <textarea
        id={pathsId}
        rows={2}
        value={paths}
        placeholder="/home/you/Downloads/thread.txt"
        spellCheck={false}
        onChange={(e) => setPaths(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
        }}
      />
      <div className="import-row">
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat)}>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f === 'auto' ? 'Detect' : (FORMAT_LABEL[f] ?? f)}
            </option>
          ))}
        </select>
        <button type="submit" className="button primary" disabled={busy || paths.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
