'use client';
import { useAnnounceDataChanged } from '@/components/providers';
import { ApiError, errorMessage } from '@/lib/client/http';
import { useLoadDemo } from '@/lib/client/demo';

/**
 * Loads the demo data set into the empty store in one click; every open tab then refetches, and
 * the refresh the server starts shows as the shared progress.
 */
export function LoadDemoButton() {
  const announce = useAnnounceDataChanged();
  const demo = useLoadDemo(announce);
  const error = demo.error;
  return (
    <>
      <button type="button" className="button button-primary" disabled={demo.isPending} onClick={() => demo.mutate()}>
        {demo.isPending ? 'Loading demo data…' : 'Load demo data'}
      </button>
      {error ? (
        <p className="action-error" role="alert">
          {error instanceof ApiError && error.status === 401
            ? 'The server needs an access token for this: enter it under Upload data on the Data page, then try again.'
            : errorMessage(error)}
        </p>
      ) : null}
    </>
  );
}
