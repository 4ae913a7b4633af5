/**
 * Creates a text or voice channel or a category; the name it will get shows as one types
 * ("General Chat" → general-chat: the server lower-cases names and turns spaces into dashes).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel, ChannelType, Server } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { keys } from '../api/query-keys.ts';
import { upsertById } from '../chat/list-cache.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { Modal } from '../components/Modal.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { channelSlug } from './channel-name.ts';
import { community } from './community-api.ts';

const KINDS: { type: ChannelType; label: string; hint: string }[] = [
  { type: 'text', label: 'Text', hint: 'Messages, pictures and files' },
  { type: 'voice', label: 'Voice', hint: 'Talk together' },
  { type: 'category', label: 'Category', hint: 'A heading that groups channels' },
];

export function CreateChannelDialog({
  server,
  channels,
  parentId,
  onClose,
  onDone,
}: {
  server: Server;
  channels: Channel[];
  parentId: string | null;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [type, setType] = useState<ChannelType>('text');
  const [name, setName] = useState('');
  const [parent, setParent] = useState(parentId ?? '');
  const categories = channels.filter((c) => c.type === 'category');
  const finalName = channelSlug(name);
  const save = useMutation({
    mutationFn: () =>
      community.createChannel(server.id, {
        name: finalName,
        type,
        ...(type !== 'category' && parent ? { parent_id: parent } : {}),
      }),
    onSuccess: (c) => {
      qc.setQueryData<Channel[]>(keys.channels(server.id), (l) => upsertById(l, c));
      if (c.type === 'text') onDone(c.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (finalName) save.mutate();
  };
  return (
    <Modal title="Create channel" onClose={onClose} testid="channel-dialog">
      <form className="form" onSubmit={submit}>
        <fieldset className="kind-picker">
          <legend>Channel type</legend>
          {KINDS.map((k) => (
            <label key={k.type} className={`kind${type === k.type ? ' on' : ''}`}>
              <input
                type="radio"
                name="channel-type"
                value={k.type}
                checked={type === k.type}
                onChange={() => setType(k.type)}
                data-testid={`channel-type-${k.type}`}
              />
              <span>
                <strong>{k.label}</strong>
                <span className="muted small">{k.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field
          label={type === 'category' ? 'Category name' : 'Channel name'}
          autoFocus
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder={type === 'category' ? 'Information' : 'new-channel'}
          testid="channel-name-input"
        />
        <p className="muted small" aria-live="polite" data-testid="channel-name-preview">
          {finalName ? (
            <>
              Will be created as{' '}
              <code>
                {type === 'text' ? '#' : ''}
                {finalName}
              </code>
            </>
          ) : (
            'Lower case, with dashes for spaces.'
          )}
        </p>
        {type !== 'category' && categories.length > 0 && (
          <label>
            Category
            <select value={parent} onChange={(e) => setParent(e.target.value)} data-testid="channel-parent">
              <option value="">No category</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <FormError error={save.error} />
        <SubmitButton
          busy={save.isPending}
          label={type === 'category' ? 'Create category' : 'Create channel'}
          testid="channel-submit"
        />
      </form>
    </Modal>
  );
}
