/**
 * What a signed-out visitor sees at /invite/CODE: the server's name, icon and member count, then
 * signing in or up; after that the chat opens with the invite ready to accept.
 */
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { EDGE_URL } from '../config.ts';
import { publicInvitePreview, type CommunityPreview } from './community-api.ts';
import { iconUrl, initials } from './ServerIcon.tsx';
import './community.css';

export function InviteLanding({
  code,
  onContinue,
}: {
  code: string;
  onContinue: (step: 'login' | 'register') => void;
}) {
  // plain state, not the query cache: the signed-out app clears that cache as it starts
  const [preview, setPreview] = useState<{ data?: CommunityPreview; error?: unknown }>({});
  useEffect(() => {
    let live = true;
    publicInvitePreview(EDGE_URL, code).then(
      (data) => live && setPreview({ data }),
      (error: unknown) => live && setPreview({ error: error ?? new Error('failed') }),
    );
    return () => {
      live = false;
    };
  }, [code]);
  const s = preview.data?.server;
  const count = preview.data?.member_count ?? 0;
  const icon = iconUrl(s?.icon_asset_id);
  return (
    <main className="auth-page">
      <div className="auth-card invite-landing" data-testid="invite-landing">
        <div className="auth-brand">twopointo</div>
        {!preview.data && !preview.error && <p className="muted center">Looking up the invite…</p>}
        {preview.error !== undefined && (
          <>
            <h1>This invite is not valid</h1>
            <p className="muted center" role="alert">
              {errorMessage(preview.error)} It may have expired or been revoked.
            </p>
          </>
        )}
        {s && (
          <>
            <div className="invite-icon server-icon active" aria-hidden="true">
              {icon ? <img className="server-icon-img" src={icon} alt="" /> : initials(s.name)}
            </div>
            <p className="muted center">You have been invited to join</p>
            <h1 data-testid="invite-landing-name">{s.name}</h1>
            <p className="muted center" data-testid="invite-landing-members">
              {count} {count === 1 ? 'member' : 'members'}
            </p>
          </>
        )}
        <div className="invite-landing-actions">
          <button
            className="btn btn-block"
            onClick={() => onContinue('register')}
            data-testid="invite-landing-register"
          >
            Create an account to join
          </button>
          <button
            className="btn btn-secondary btn-block"
            onClick={() => onContinue('login')}
            data-testid="invite-landing-login"
          >
            I already have an account
          </button>
        </div>
      </div>
    </main>
  );
}
