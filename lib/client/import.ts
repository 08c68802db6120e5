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
  /** Sent with `replace` = `days`: the stored sales rows removed and the item-days replaced. */
  replaced?: { rows: number; itemDays: number };
}

export interface ImportRequest {
  files: File[];
  kind?: string;
  /** The sales replace the stored ones of their items on the days they hold. */
  replaceDays?: boolean;
}

/**
 * POST /api/import (multipart, field `file` one or more, optional `kind` and `replace`): all or
 * nothing. A refused import throws ApiError 422 whose details name file, row, column and problem.
 */
export function postImport({ files, kind = '', replaceDays = false }: ImportRequest): Promise<ImportAnswer> {
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  if (kind) form.set('kind', kind);
  if (replaceDays) form.set('replace', 'days');
  return sendForm<ImportAnswer>('/api/import', form);
}

export const useImport = () => useMutation({ mutationKey: ['import'], mutationFn: postImport });
