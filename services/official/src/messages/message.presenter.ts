/** Message rows (with author, attachments and reactions) → wire messages. */
import type { Attachment, Message, Reaction } from '@twopointo/shared';
import { presentAsset } from '../assets/asset.presenter.ts';
import { iso, isoOrNull } from '../http/present.ts';
import type { AttachmentRow, MessageRow } from './message.repository.ts';

/** An attachment is the asset it holds, presented alike. */
export const presentAttachment: (a: AttachmentRow) => Attachment = presentAsset;

export const presentMessage = (
  m: MessageRow,
  attachments: AttachmentRow[] = [],
  reactions: Reaction[] = [],
): Message => ({
  id: m.id,
  channel_id: m.channel_id,
  server_id: m.server_id,
  author: {
    id: m.author_id,
    username: m.author_username,
    display_name: m.author_display_name ?? null,
    avatar: m.author_avatar ?? null,
  },
  content: m.content,
  attachments: attachments.map(presentAttachment),
  reply_to_id: m.reply_to_id,
  created_at: iso(m.created_at),
  edited_at: isoOrNull(m.edited_at),
  mentions: m.mentions,
  mention_roles: m.mention_roles,
  mention_everyone: m.mention_everyone,
  reactions,
  pinned: m.pinned_at !== null,
});
