import { useMutation } from '@tanstack/react-query';
import { sendForm } from './http';

export interface ImportedFile {
  file: string;
  kind: string;
  rows: number;
  /** The same bytes were imported before: nothing written. */
  skipped: boolean;
  /** A sales file's rows dated within the days their item already had sales for (absent: none). */
  repeated?: { rows: number; items: number; firstDay: number; lastDay: number };
}

export interface ImportAnswer {
  imported: ImportedFile[];
  dataVersion: number;
}

/**
 * POST /api/import (multipart, field `file` one or more, optional `kind`): all or nothing. A
 * refused import throws ApiError 422 whose details name file, row, column and problem.
 */
export function postImport(files: readonly File[], kind = ''): Promise<ImportAnswer> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  if (kind) form.set('kind', kind);
  return sendForm<ImportAnswer>('/api/import', form);
}

export const useImport = () =>
  useMutation({ mutationKey: ['import'], mutationFn: ({ files, kind }: { files: File[]; kind?: string }) => postImport(files, kind) });
