/** Which exceptions the inbox lists: open ones, those marked handled or snoozed, or all. */
export const INBOX_STATES = ['open', 'handled', 'snoozed', 'all'] as const;
export type InboxState = (typeof INBOX_STATES)[number];
