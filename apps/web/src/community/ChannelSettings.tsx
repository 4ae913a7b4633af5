/** A channel's settings: name and topic (MANAGE_CHANNELS), and its permission overwrites (MANAGE_ROLES). */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Permissions, type Channel, type Server } from '@twopointo/shared';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { upsertById } from '../chat/list-cache.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { channelSlug } from './channel-name.ts';
import { community } from './community-api.ts';
import { OverwriteEditor } from './OverwriteEditor.tsx';
import type { ServerAccess } from './server-access.ts';
import { SettingsLayer, type SettingsSection } from '../components/SettingsLayer.tsx';
import './community.css';

export function ChannelSettings({
  server,
  channel,
  access,
  onClose,
}: {
  server: Server;
  channel: Channel;
  access: ServerAccess;
  onClose: () => void;
}) {
  const sections: SettingsSection[] = [];
  if (access.can(Permissions.MANAGE_CHANNELS))
    sections.push({
      id: 'overview',
      label: 'Overview',
      render: () => <ChannelOverview server={server} channel={channel} />,
    });
  if (access.can(Permissions.MANAGE_ROLES))
    sections.push({
      id: 'permissions',
      label: 'Permissions',
      render: () => <ChannelPermissions server={server} channel={channel} access={access} />,
    });
  const title = channel.type === 'category' ? channel.name : `#${channel.name}`;
  return <SettingsLayer title={title} sections={sections} onClose={onClose} testid="channel-settings" />;
}

function ChannelOverview({ server, channel }: { server: Server; channel: Channel }) {
  const qc = useQueryClient();
  const [name, setName] = useState(channel.name);
  const [topic, setTopic] = useState(channel.topic ?? '');
  const finalName = channelSlug(name);
  const save = useMutation({
    mutationFn: () =>
      community.updateChannel(channel.id, {
        name: finalName,
        ...(channel.type === 'text' ? { topic: topic.trim() || null } : {}),
      }),
    onSuccess: (c) => qc.setQueryData<Channel[]>(keys.channels(server.id), (l) => upsertById(l, c)),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (finalName) save.mutate();
  };
  return (
    <form className="form settings-form" onSubmit={submit}>
      <Field
        label="Name"
        required
        maxLength={100}
        value={name}
        onChange={setName}
        testid="channel-settings-name"
      />
      {finalName !== name && (
        <p className="muted small">
          Saved as <code>{finalName}</code>
        </p>
      )}
      {channel.type === 'text' && (
        <label>
          Topic
          <textarea
            maxLength={1024}
            rows={3}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            placeholder="Let everyone know what this channel is about"
            data-testid="channel-settings-topic"
          />
        </label>
      )}
      <FormError error={save.error} />
      {save.isSuccess && !save.isPending && (
        <p className="ok-text small" role="status">
          Saved.
        </p>
      )}
      <div className="row end">
        <button className="btn" disabled={save.isPending} data-testid="channel-settings-save">
          {save.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function ChannelPermissions({
  server,
  channel,
  access,
}: {
  server: Server;
  channel: Channel;
  access: ServerAccess;
}) {
  const roles = useQuery({ queryKey: keys.roles(server.id), queryFn: () => official.roles(server.id) });
  const members = useQuery({ queryKey: keys.members(server.id), queryFn: () => official.members(server.id) });
  if (!roles.data || !members.data || !access.everyoneId) return <p className="muted">Loading…</p>;
  return (
    <OverwriteEditor
      channel={channel}
      roles={[...roles.data].sort((a, b) => b.position - a.position)}
      members={members.data}
      everyoneId={access.everyoneId}
      canEditRole={access.manages}
    />
  );
}
