/** The message box: Enter sends, Shift+Enter breaks the line; files upload as soon as they are picked. */
import { useQueryClient } from '@tanstack/react-query';
import type { Asset, Channel, Message } from '@twopointo/shared';
import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { sendMessage } from '../chat/send-message.ts';
import { uploadFile } from '../chat/upload.ts';
import { formatSize } from './Attachments.tsx';
import { Icon } from './Icon.tsx';

export const TYPING_THROTTLE_MS = 8_000;
/** after a send, typing again is announced sooner, but never faster than this */
const TYPING_AFTER_SEND_MS = 2_000;
const MAX_LENGTH = 4000;

interface Upload {
  key: string;
  file: File;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  asset?: Asset;
  error?: string;
  abort: AbortController;
}

let uploadSeq = 0;

export function Composer(props: {
  channel: Channel;
  replyTo: Message | null;
  onCancelReply: () => void;
  droppedFiles: File[] | null;
  onDroppedTaken: () => void;
  onSent: () => void;
  onEditLast: () => void;
}) {
  const qc = useQueryClient();
  const { channel } = props;
  const [text, setText] = useState('');
  const [uploads, setUploads] = useState<Upload[]>([]);
  const lastTyping = useRef(0);
  const sentSinceTyping = useRef(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);

  // a draft belongs to its channel
  useEffect(() => {
    setText('');
    setUploads((list) => {
      for (const u of list) u.abort.abort();
      return [];
    });
    lastTyping.current = 0;
    input.current?.focus();
  }, [channel.id]);

  useEffect(() => {
    if (props.replyTo) input.current?.focus();
  }, [props.replyTo]);

  const patch = (key: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const addFiles = (files: File[]) => {
    const added = files.map((file) => ({
      key: `u${++uploadSeq}`,
      file,
      progress: 0,
      status: 'uploading' as const,
      abort: new AbortController(),
    }));
    setUploads((list) => [...list, ...added]);
    for (const u of added) {
      uploadFile(u.file, (progress) => patch(u.key, { progress }), u.abort.signal).then(
        (asset) => patch(u.key, { status: 'done', asset, progress: 1 }),
        (err: unknown) => patch(u.key, { status: 'error', error: errorMessage(err) }),
      );
    }
  };

  const { droppedFiles, onDroppedTaken } = props;
  useEffect(() => {
    if (droppedFiles) {
      addFiles(droppedFiles);
      onDroppedTaken();
    }
    // addFiles only touches state setters, so it is left out of the dependencies
  }, [droppedFiles, onDroppedTaken]);

  const uploading = uploads.some((u) => u.status === 'uploading');
  const ready = uploads.filter((u) => u.status === 'done' && u.asset);
  const tooLong = text.length > MAX_LENGTH;
  const canSend = !uploading && !tooLong && (text.trim().length > 0 || ready.length > 0);

  const send = () => {
    if (!canSend) return;
    void sendMessage(qc, channel.id, {
      content: text.trim(),
      attachment_ids: ready.map((u) => u.asset!.id),
      attachment_names: ready.map((u) => u.file.name),
      reply_to_id: props.replyTo?.id ?? null,
    });
    setText('');
    setUploads((list) => list.filter((u) => u.status !== 'done'));
    sentSinceTyping.current = true;
    props.onCancelReply();
    props.onSent();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && props.replyTo) {
      e.preventDefault();
      props.onCancelReply();
    } else if (e.key === 'ArrowUp' && text === '') {
      e.preventDefault();
      props.onEditLast();
    }
  };

  const onChange = (value: string) => {
    setText(value);
    const now = Date.now();
    const gap = sentSinceTyping.current ? TYPING_AFTER_SEND_MS : TYPING_THROTTLE_MS;
    if (value.trim() && now - lastTyping.current >= gap) {
      lastTyping.current = now;
      sentSinceTyping.current = false;
      official.typing(channel.id).catch(() => undefined);
    }
  };

  const onPaste = (e: ClipboardEvent) => {
    const files = Array.from(e.clipboardData.files);
    if (files.length) {
      e.preventDefault();
      addFiles(files);
    }
  };

  const remove = (u: Upload) => {
    u.abort.abort();
    setUploads((list) => list.filter((x) => x.key !== u.key));
  };

  return (
    <div className="composer-wrap">
      {props.replyTo && (
        <div className="reply-bar" data-testid="reply-bar">
          Replying to <strong>{props.replyTo.author.username}</strong>
          <button className="icon-btn" onClick={props.onCancelReply} aria-label="Cancel reply">
            <Icon name="close" size={14} />
          </button>
        </div>
      )}
      {uploads.length > 0 && (
        <div className="upload-list">
          {uploads.map((u) => (
            <div key={u.key} className={`upload ${u.status}`} data-testid="upload" data-status={u.status}>
              <div className="upload-name">
                {u.file.name} <span className="muted small">{formatSize(u.file.size)}</span>
              </div>
              {u.status === 'uploading' && (
                <progress
                  max={1}
                  value={u.progress}
                  data-testid="upload-progress"
                  aria-label={`Uploading ${u.file.name}`}
                />
              )}
              {u.status === 'error' && <div className="inline-error">{u.error}</div>}
              <button className="icon-btn" onClick={() => remove(u)} aria-label={`Remove ${u.file.name}`}>
                <Icon name="close" size={14} />
              </button>
            </div>
          ))}
        </div>
      )}
      <div className={`composer${tooLong ? ' too-long' : ''}`}>
        <button
          className="icon-btn attach"
          onClick={() => picker.current?.click()}
          title="Attach files"
          aria-label="Attach files"
          data-testid="attach-button"
        >
          +
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) addFiles(files);
          }}
        />
        <textarea
          ref={input}
          rows={1}
          value={text}
          placeholder={`Message #${channel.name}`}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-label={`Message #${channel.name}`}
          data-testid="composer-input"
        />
        {tooLong && <span className="counter">{MAX_LENGTH - text.length}</span>}
        <button className="btn btn-small send" disabled={!canSend} onClick={send} data-testid="send-button">
          {uploading ? 'Uploading…' : 'Send'}
        </button>
      </div>
    </div>
  );
}
