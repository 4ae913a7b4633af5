/** User settings over the whole window: My account and Security; Escape or the close button leaves. */
import { useQuery } from '@tanstack/react-query';
import { identity } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { SettingsLayer } from '../components/SettingsLayer.tsx';
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
  const me = useQuery({ queryKey: keys.me, queryFn: identity.me });
  return (
    <SettingsLayer
      title="User settings"
      testid="settings"
      initial={initial}
      onSection={(id) => onSection?.(id as Tab)}
      onClose={onClose}
      sections={[
        {
          id: 'account',
          label: 'My account',
          render: () => me.data && <MyAccountPanel key={me.data.id} me={me.data} />,
        },
        {
          id: 'security',
          label: 'Security',
          render: () =>
            me.data && (
              <>
                <ChangePasswordForm />
                <NewRecoveryCodesForm />
                <DevicesList />
                <DeleteAccountForm username={me.data.username} />
              </>
            ),
        },
      ]}
    />
  );
}
