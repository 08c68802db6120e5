'use client';
import { QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { connectSharedProgress, type SharedProgress } from '@/lib/client/progress/shared-stream';
import { progressStore } from '@/lib/client/progress/store';
import { makeQueryClient } from '@/lib/client/query-client';

const DataChangedContext = createContext<() => void>(() => {});

/** Call after this tab changed data (an import): every tab, this one included, refetches. */
export const useAnnounceDataChanged = () => useContext(DataChangedContext);

/** Joins the browser's shared progress stream and refetches everything when a run ends. */
function ProgressBridge({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [shared, setShared] = useState<SharedProgress | null>(null);
  useEffect(() => {
    // Marks the page as hydrated (interactive): the benchmark and tests read it.
    document.documentElement.dataset.hydrated = 'true';
    const connection = connectSharedProgress(progressStore, { onDataChanged: () => void queryClient.invalidateQueries() });
    const unsubscribe = progressStore.onFinished(() => void queryClient.invalidateQueries());
    setShared(connection);
    return () => {
      unsubscribe();
      connection.stop();
    };
  }, [queryClient]);
  const announce = () => {
    void queryClient.invalidateQueries();
    shared?.announceDataChanged();
  };
  return <DataChangedContext.Provider value={announce}>{children}</DataChangedContext.Provider>;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <ProgressBridge>{children}</ProgressBridge>
    </QueryClientProvider>
  );
}
