/** One message row: author, time, text, attachments, reply quote, and its own actions. */
import type { Message, UserRef } from '@twopointo/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { conversations } from '../api/conversations.ts';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import {
  updateMessage,
  removeMessage,
  type HistoryData,
  type PendingMessage,
} from '../chat/message-cache.ts';
import { toDisplay, toWire } from '../chat/mentions.ts';
import { pendingStore } from '../chat/pending-store.ts';
import { mentionsMe } from '../chat/read-states.ts';
import { Attachments } from './Attachments.tsx';
import { MemberName } from '../community/MemberName.tsx';
import { Avatar } from './Avatar.tsx';
import { shownName } from '../settings/account-api.ts';
import { useMentions } from './mention-context.tsx';
import { MessageText } from './MessageText.tsx';
import { ConvIcon } from './conv-icons.tsx';
import { Icon } from './Icon.tsx';
import { EmojiButton } from './emoji/EmojiButton.tsx';
import { ReactionBar } from './reactions/ReactionBar.tsx';
import { CopyMessageLink } from '../routing/CopyMessageLink.tsx';

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

function ReplyQuote({ replyToId, target }: { replyToId: string; target: Message | undefined }) {
  const jump = () =>
    document.getElementById(`msg-${replyToId}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  return (
    <button className="reply-quote" onClick={jump} data-testid="reply-preview">
      <span className="reply-curve" aria-hidden="true" />
      {target ? (
        <>
          <strong>{shownName(target.author)}</strong>
          <span className="reply-text">
            {target.content || (target.attachments.length ? 'Attachment' : '')}
          </span>
        </>
      ) : (
        <span className="muted">Original message not loaded or deleted</span>
      )}
    </button>
  );
}

interface MessageItemProps {
  message: Message;
  continued: boolean;
  myId: string;
  canManageMessages: boolean;
  editing: boolean;
  /** the loaded message this one replies to (its own object: a memoised row redraws when it changes) */
  replyTarget?: Message;
  onReply: (m: Message) => void;
  onEdit: (id: string | null) => void;
  onImageLoad: () => void;
  /** the message a search result or notification jumped to */
  highlighted?: boolean;
  /** ADD_REACTIONS: the picker for an emoji not on the message yet is shown */
  canAddReactions?: boolean;
  /** add (true) or remove the user's reaction; absent: reactions are shown only */
  onToggleReaction?: (messageId: string, emoji: string, add: boolean) => void;
}

export function MessageItem(props: MessageItemProps) {
  const { message: m, myId } = props;
  const qc = useQueryClient();
  const mentions = useMentions();
  // the edit box shows mentions as @name, as the composer does
  const [draft, setDraft] = useState(() => toDisplay(m.content, mentions));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mine = m.author.id === myId;
  const editBox = useRef<HTMLTextAreaElement>(null);

  // the caret starts at the end of the text being edited
  useEffect(() => {
    const el = editBox.current;
    if (props.editing && el) el.setSelectionRange(el.value.length, el.value.length);
  }, [props.editing]);

  const toggleReaction = (emoji: string, add: boolean) => props.onToggleReaction?.(m.id, emoji, add);

  const togglePin = () => {
    setBusy(true);
    (m.pinned ? conversations.unpin : conversations.pin)(m.channel_id, m.id)
      .then(() => setError(null))
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  const saveEdit = () => {
    const content = toWire(draft.trim(), mentions);
    if (!content || content === m.content) {
      props.onEdit(null);
      return;
    }
    setBusy(true);
    official
      .editMessage(m.id, content)
      .then((updated) => {
        qc.setQueryData<HistoryData>(keys.messages(m.channel_id), (d) => updateMessage(d, updated));
        props.onEdit(null);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  };

  const doDelete = () => {
    setBusy(true);
    official
      .deleteMessage(m.id)
      .then(() => {
        qc.setQueryData<HistoryData>(keys.messages(m.channel_id), (d) => removeMessage(d, m.id));
        pendingStore.prune(m.channel_id, (p) => p.resolved_id !== m.id);
      })
      .catch((err: unknown) => {
        setError(errorMessage(err));
        setConfirmDelete(false);
      })
      .finally(() => setBusy(false));
  };

  const onEditKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      setDraft(toDisplay(m.content, mentions));
      props.onEdit(null);
    } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      saveEdit();
    }
  };

  const showHeader = !props.continued;
  const mentioned = mentionsMe(m, myId, mentions.myRoleIds) === true;
  const classes = [
    'message',
    showHeader ? 'with-header' : 'continued',
    props.editing ? 'editing' : '',
    mentioned ? 'mentioned' : '',
    props.highlighted ? 'highlighted' : '',
  ];
  return (
    <div
      id={`msg-${m.id}`}
      className={classes.filter(Boolean).join(' ')}
      data-testid="message"
      data-message-id={m.id}
      data-author={m.author.username}
      data-mentioned={mentioned || undefined}
      data-highlighted={props.highlighted || undefined}
    >
      {m.reply_to_id && <ReplyQuote replyToId={m.reply_to_id} target={props.replyTarget} />}
      <div className="message-body">
        <div className="message-gutter">
          {showHeader ? (
            <MemberName user={m.author}>
              <Avatar id={m.author.id} name={shownName(m.author)} avatar={m.author.avatar} />
            </MemberName>
          ) : (
            <span className="hover-time">{formatTime(m.created_at)}</span>
          )}
        </div>
        <div className="message-main">
          {showHeader && (
            <div className="message-head">
              <MemberName user={m.author} />
              <time dateTime={m.created_at} title={new Date(m.created_at).toLocaleString()}>
                {formatTime(m.created_at)}
              </time>
            </div>
          )}
          {props.editing ? (
            <div className="edit-box">
              <textarea
                ref={editBox}
                value={draft}
                autoFocus
                rows={Math.min(8, draft.split('\n').length)}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={onEditKey}
                disabled={busy}
                data-testid="edit-input"
              />
              <div className="muted small">
                Escape to{' '}
                <button className="link" onClick={() => props.onEdit(null)}>
                  cancel
                </button>{' '}
                · Enter to{' '}
                <button className="link" onClick={saveEdit} data-testid="edit-save">
                  save
                </button>
              </div>
            </div>
          ) : (
            m.content && (
              <div className="message-content" data-testid="message-content">
                <MessageText content={m.content} resolved={m} />
                {m.edited_at && (
                  <span
                    className="edited"
                    title={new Date(m.edited_at).toLocaleString()}
                    data-testid="edited-marker"
                  >
                    {' '}
                    (edited)
                  </span>
                )}
              </div>
            )
          )}
          <Attachments attachments={m.attachments} onImageLoad={props.onImageLoad} />
          {props.onToggleReaction && (
            <ReactionBar message={m} canAddNew={props.canAddReactions ?? true} onToggle={toggleReaction} />
          )}
          {error && (
            <div className="inline-error" role="alert">
              {error}
            </div>
          )}
          {confirmDelete && (
            <div className="confirm-row">
              Delete this message?
              <button
                className="btn btn-danger btn-small"
                onClick={doDelete}
                disabled={busy}
                data-testid="delete-confirm"
              >
                Delete
              </button>
              <button className="btn btn-secondary btn-small" onClick={() => setConfirmDelete(false)}>
                Cancel
              </button>
            </div>
          )}
        </div>
      </div>
      {!props.editing && (
        <div className="message-actions" role="toolbar" aria-label="Message actions">
          {props.onToggleReaction && (props.canAddReactions ?? true) && (
            <EmojiButton
              onPick={(emoji) => {
                if (!m.reactions.find((r) => r.emoji === emoji)?.me) toggleReaction(emoji, true);
              }}
            />
          )}
          <button
            className="icon-btn"
            title="Reply"
            onClick={() => props.onReply(m)}
            data-testid="message-reply"
          >
            <Icon name="reply" />
          </button>
          <CopyMessageLink message={m} />
          {mine && (
            <button
              className="icon-btn"
              title="Edit"
              onClick={() => {
                setDraft(toDisplay(m.content, mentions));
                props.onEdit(m.id);
              }}
              data-testid="message-edit"
            >
              <Icon name="pencil" />
            </button>
          )}
          {props.canManageMessages && (
            <button
              className={`icon-btn${m.pinned ? ' on' : ''}`}
              title={m.pinned ? 'Unpin' : 'Pin'}
              aria-label={m.pinned ? 'Unpin message' : 'Pin message'}
              onClick={togglePin}
              disabled={busy}
              data-testid="message-pin"
              data-pinned={m.pinned || undefined}
            >
              <ConvIcon name="pin" />
            </button>
          )}
          {(mine || props.canManageMessages) && (
            <button
              className="icon-btn danger"
              title="Delete"
              onClick={() => setConfirmDelete(true)}
              data-testid="message-delete"
            >
              <Icon name="trash" />
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function PendingItem({
  pending: p,
  continued,
  me,
  replyTarget,
  onRetry,
}: {
  pending: PendingMessage;
  continued: boolean;
  me: UserRef;
  replyTarget?: Message;
  onRetry: (p: PendingMessage) => void;
}) {
  return (
    <div
      className={`message pending ${continued ? 'continued' : 'with-header'}${p.status === 'failed' ? ' failed' : ''}`}
      data-testid="message-pending"
      data-status={p.status}
    >
      {p.reply_to_id && <ReplyQuote replyToId={p.reply_to_id} target={replyTarget} />}
      <div className="message-body">
        <div className="message-gutter">
          {!continued && <Avatar id={me.id} name={shownName(me)} avatar={me.avatar} />}
        </div>
        <div className="message-main">
          {!continued && (
            <div className="message-head">
              <span className="author">{shownName(me)}</span>
              <time>{p.status === 'sending' ? 'Sending…' : 'Not sent'}</time>
            </div>
          )}
          {p.content && (
            <div className="message-content">
              <MessageText content={p.content} />
            </div>
          )}
          {p.attachment_names.length > 0 && (
            <div className="muted small">Attached: {p.attachment_names.join(', ')}</div>
          )}
          {p.status === 'failed' && (
            <div className="inline-error" role="alert">
              {p.error ?? 'Could not send.'}{' '}
              <button className="link" onClick={() => onRetry(p)}>
                Retry
              </button>{' '}
              ·{' '}
              <button className="link" onClick={() => pendingStore.remove(p.channel_id, p.nonce)}>
                Discard
              </button>
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
