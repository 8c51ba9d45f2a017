import { useId, useState, type FormEvent } from 'react';
import type { ImportSummary } from '../../../shared/model/library';
import { api } from '../api/client';

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
  const [format, setFormat] = useState<'auto' | 'text' | 'markdown'>('auto');
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
      const { imported } = await api.call('import.files', { paths: list, format });
      setPaths('');
      onImported(imported);
    } catch (error) {
      onError('Import failed.', error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="import-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={pathsId}>Thread files on this computer (full path, one per line)</label>
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
        <select id={formatId} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          <option value="auto">Detect</option>
          <option value="text">Plain text</option>
          <option value="markdown">Markdown</option>
        </select>
        <button type="submit" className="button primary" disabled={busy || paths.trim() === ''}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
