/** User settings over the whole window: My account and Security; Escape or the close button leaves. */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { identity } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { Icon } from '../components/Icon.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { DeleteAccountForm } from './DeleteAccountForm.tsx';
import { DevicesList } from './DevicesList.tsx';
import { MyAccountPanel } from './MyAccountPanel.tsx';
import { NewRecoveryCodesForm } from './NewRecoveryCodesForm.tsx';

type Tab = 'account' | 'security';

export function SettingsScreen({
  initial = 'account',
  onSection,
  onClose,
}: {
  initial?: Tab;
  /** a section picked (the caller keeps it in the address) */
  onSection?: (tab: Tab) => void;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>(initial);
  const me = useQuery({ queryKey: keys.me, queryFn: identity.me });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div
      className="settings-screen"
      role="dialog"
      aria-modal="true"
      aria-label="User settings"
      data-testid="settings"
    >
      <nav className="settings-nav" aria-label="Settings sections">
        <h2>User settings</h2>
        {(
          [
            ['account', 'My account'],
            ['security', 'Security'],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            className={`settings-tab${tab === id ? ' on' : ''}`}
            aria-current={tab === id ? 'page' : undefined}
            onClick={() => {
              setTab(id);
              onSection?.(id);
            }}
            data-testid={`settings-tab-${id}`}
          >
            {label}
          </button>
        ))}
      </nav>
      <main className="settings-body">
        <div className="settings-head">
          <h1>{tab === 'account' ? 'My account' : 'Security'}</h1>
          <button
            className="icon-btn"
            onClick={onClose}
            aria-label="Close settings"
            data-testid="settings-close"
          >
            <Icon name="close" size={22} />
          </button>
        </div>
        {me.data && tab === 'account' && <MyAccountPanel key={me.data.id} me={me.data} />}
        {me.data && tab === 'security' && (
          <>
            <ChangePasswordForm />
            <NewRecoveryCodesForm />
            <DevicesList />
            <DeleteAccountForm username={me.data.username} />
          </>
        )}
      </main>
    </div>
  );
}
