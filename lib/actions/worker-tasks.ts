import type { ActionMark } from '../store';
import { readActionsAt } from '../store/scan';
import { DEFAULT_HEALTH_SETTINGS } from '../inventory/health';
import { inboxOf, rankInbox, type InboxQuery, type RankedInbox } from './inbox';
import { buildWorksheet } from './worksheet';
import { worksheetCsv, worksheetXlsx } from './worksheet-export';

/**
 * What the actions worker thread does (loaded by worker.cjs through tsx): builds the inbox and
 * the worksheet of a result set from reads on a connection of its own, and answers with the
 * finished JSON text or file, so that the server's event loop neither ranks 100,000 items nor
 * serializes megabytes.
 */
export type ActionsTask = InboxTask | WorksheetTask;

/** Where the results live and which run they are (the main thread knows; the worker reads). */
interface ResultsRef {
  /** Store.location. */
  location: string;
  resultSet: number;
  runId: string;
  asOfDay: number;
}

export interface InboxTask extends ResultsRef {
  kind: 'inbox';
  periodDays: number;
  marks: ActionMark[];
  query: InboxQuery;
}

export interface WorksheetTask extends ResultsRef {
  kind: 'worksheet';
  /** json: the worksheet model (WorksheetModel) as JSON text; csv or xlsx: the export file. */
  format: 'json' | 'csv' | 'xlsx';
}

/**
 * The last result set ranked. The pool has one thread, so every inbox request finds it here:
 * paging and marking cost the marks and the words of the rows sent, not a new ranking.
 */
let ranked: { location: string; resultSet: number; inbox: RankedInbox } | null = null;

async function rankedOf(task: InboxTask): Promise<RankedInbox> {
  if (ranked?.location !== task.location || ranked.resultSet !== task.resultSet) {
    const facts = await readActionsAt(task.location, (scan) => scan.exceptionFacts(task.resultSet));
    ranked = { location: task.location, resultSet: task.resultSet, inbox: rankInbox(facts, task.periodDays, task.asOfDay) };
  }
  return ranked.inbox;
}

async function inbox(task: InboxTask): Promise<string> {
  return JSON.stringify(inboxOf(await rankedOf(task), task.marks, task.query, task.runId));
}

async function worksheet(task: WorksheetTask): Promise<string | Uint8Array> {
  const [candidates, draft] = await readActionsAt(task.location, async (scan) => [await scan.worksheetCandidates(task.resultSet), await scan.worksheetDraft()] as const);
  const sheet = { runId: task.runId, asOfDay: task.asOfDay, ...buildWorksheet(candidates, draft, task.asOfDay, DEFAULT_HEALTH_SETTINGS.orderCycleDays) };
  if (task.format === 'json') return JSON.stringify(sheet);
  if (task.format === 'csv') return worksheetCsv(sheet);
  return new Uint8Array(await worksheetXlsx(sheet));
}

export default function runActionsTask(task: ActionsTask): Promise<string | Uint8Array> {
  return task.kind === 'inbox' ? inbox(task) : worksheet(task);
}
