/** In place of the composer while the user is timed out; it goes away by itself when the time passes. */
import { useEffect, useState } from 'react';
import type { CommunityMember } from './community-api.ts';
import { isTimedOut } from './member-display.ts';

/** the end of the user's timeout while it lasts, else null (re-rendering when it ends) */
export function useTimedOutUntil(member: CommunityMember | undefined): Date | null {
  const [, tick] = useState(0);
  const until = member?.communication_disabled_until;
  const active = isTimedOut(member);
  useEffect(() => {
    if (!until || !active) return;
    // setTimeout holds at most ~24.8 days; a longer timeout is rechecked then
    const ms = Math.min(Date.parse(until) - Date.now() + 50, 2 ** 31 - 1);
    const t = setTimeout(() => tick((n) => n + 1), ms);
    return () => clearTimeout(t);
  }, [until, active]);
  return active && until ? new Date(until) : null;
}

export function TimedOutNotice({ until }: { until: Date }) {
  return (
    <div className="composer-wrap">
      <div className="composer composer-blocked" role="status" data-testid="timed-out-notice">
        <span aria-hidden="true">⏳</span> You are timed out until {until.toLocaleString()}. You can read, but
        not send messages or react.
      </div>
    </div>
  );
}
