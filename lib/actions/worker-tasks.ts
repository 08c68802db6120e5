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
export type ActionsTask = InboxTask | RankTask | WorksheetTask;

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

/** Ranks a result set ahead of the first request (a run just completed); answers whether it ranked. */
export interface RankTask extends ResultsRef {
  kind: 'rank';
  periodDays: number;
}

/** The inbox as JSON text, and whether this request had to rank the result set (the ranking was not warm). */
export interface InboxAnswer {
  text: string;
  ranked: boolean;
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

/** Ranks the task's result set unless it is the one ranked last; true when it ranked now. */
async function rank(task: InboxTask | RankTask): Promise<boolean> {
  if (ranked?.location === task.location && ranked.resultSet === task.resultSet) return false;
  const facts = await readActionsAt(task.location, (scan) => scan.exceptionFacts(task.resultSet));
  ranked = { location: task.location, resultSet: task.resultSet, inbox: rankInbox(facts, task.periodDays, task.asOfDay) };
  return true;
}

async function inbox(task: InboxTask): Promise<InboxAnswer> {
  const rankedNow = await rank(task);
  return { text: JSON.stringify(inboxOf(ranked!.inbox, task.marks, task.query, task.runId)), ranked: rankedNow };
}

async function worksheet(task: WorksheetTask): Promise<string | Uint8Array> {
  const [candidates, draft] = await readActionsAt(task.location, async (scan) => [await scan.worksheetCandidates(task.resultSet), await scan.worksheetDraft()] as const);
  const sheet = { runId: task.runId, asOfDay: task.asOfDay, ...buildWorksheet(candidates, draft, task.asOfDay, DEFAULT_HEALTH_SETTINGS.orderCycleDays) };
  if (task.format === 'json') return JSON.stringify(sheet);
  if (task.format === 'csv') return worksheetCsv(sheet);
  return new Uint8Array(await worksheetXlsx(sheet));
}

export default function runActionsTask(task: ActionsTask): Promise<InboxAnswer | boolean | string | Uint8Array> {
  if (task.kind === 'inbox') return inbox(task);
  if (task.kind === 'rank') return rank(task);
  return worksheet(task);
}
