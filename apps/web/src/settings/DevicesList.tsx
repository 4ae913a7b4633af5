/** Signed-in devices: which browser, since when, last active; sign any other one out. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Session } from '@twopointo/shared';
import { errorMessage } from '../api/api-error.ts';
import { FormError } from '../components/FormError.tsx';
import { account } from './account-api.ts';

export const sessionsKey = ['sessions'] as const;

/** "Firefox on Linux" from a User-Agent, or the raw string when nothing is recognised. */
export function deviceName(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}

const when = (iso: string) => new Date(iso).toLocaleString();

export function DevicesList() {
  const qc = useQueryClient();
  const sessions = useQuery({ queryKey: sessionsKey, queryFn: account.sessions });
  const signOut = useMutation({
    mutationFn: (id: string) => account.revokeSession(id),
    onSuccess: (_r, id) => qc.setQueryData<Session[]>(sessionsKey, (l) => l?.filter((s) => s.id !== id)),
  });
  return (
    <section className="settings-form" data-testid="devices">
      <h3>Signed-in devices</h3>
      {sessions.isPending && <p className="muted">Loading…</p>}
      {sessions.isError && <FormError error={errorMessage(sessions.error)} />}
      <ul className="device-list">
        {[...(sessions.data ?? [])]
          .sort((x, y) => Number(y.current) - Number(x.current))
          .map((s) => (
            <li key={s.id} className="device" data-testid="device" data-current={s.current}>
              <div>
                <strong>{deviceName(s.user_agent)}</strong>
                {s.current && <span className="badge-current">This device</span>}
                <div className="muted small">
                  Signed in {when(s.created_at)} · last active {when(s.last_used_at)}
                </div>
              </div>
              {!s.current && (
                <button
                  className="btn btn-secondary btn-small"
                  disabled={signOut.isPending && signOut.variables === s.id}
                  onClick={() => signOut.mutate(s.id)}
                  aria-label={`Sign out ${deviceName(s.user_agent)}`}
                  data-testid="device-sign-out"
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
      </ul>
      <FormError error={signOut.error} />
    </section>
  );
}
