/**
 * The message box: Enter sends, Shift+Enter breaks the line; files upload as soon as they are
 * picked; `@` offers members, roles and @everyone, shown as `@name` and sent as mention tokens;
 * `:sho` offers emoji by shortcode, and the emoji button opens the picker. Escape cancels a reply.
 * What is typed stays with its channel while switching channels.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { Asset, Message } from '@twopointo/shared';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import { errorMessage } from '../api/api-error.ts';
import { official } from '../api/endpoints.ts';
import { draftStore } from '../chat/drafts.ts';
import {
  applySuggestion,
  mentionQuery,
  specialHint,
  suggest,
  toWire,
  type Suggestion,
} from '../chat/mentions.ts';
import { paneLabel, type PaneChannel } from '../chat/pane-channel.ts';
import { sendMessage } from '../chat/send-message.ts';
import { uploadFile } from '../chat/upload.ts';
import { formatSize } from './Attachments.tsx';
import { searchEmoji, useEmojiData, noteRecentEmoji } from './emoji/emoji-data.ts';
import { completeShortcode, insertEmoji, shortcodeQuery } from './emoji/shortcodes.ts';
import { EmojiButton } from './emoji/EmojiButton.tsx';
import { Icon } from './Icon.tsx';
import { useMentions } from './mention-context.tsx';

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
  /** the text box, for the pane to give it the focus back */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  /** a server channel, or a DM with its `label` ("@bob") in place of "#name" */
  channel: PaneChannel;
  replyTo: Message | null;
  onCancelReply: () => void;
  droppedFiles: File[] | null;
  onDroppedTaken: () => void;
  onSent: () => void;
  onEditLast: () => void;
}) {
  const qc = useQueryClient();
  const { channel } = props;
  const mentions = useMentions();
  const [text, setText] = useState(() => draftStore.get(channel.id));
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  /** Escape closes the suggestions until the text changes */
  const [dismissed, setDismissed] = useState(false);
  const moveCaretTo = useRef<number | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const lastTyping = useRef(0);
  const sentSinceTyping = useRef(false);
  const ownInput = useRef<HTMLTextAreaElement>(null);
  const input = props.inputRef ?? ownInput;
  const picker = useRef<HTMLInputElement>(null);

  // a draft belongs to its channel
  useEffect(() => {
    setText(draftStore.get(channel.id));
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

  useLayoutEffect(() => {
    if (moveCaretTo.current !== null && input.current) {
      input.current.setSelectionRange(moveCaretTo.current, moveCaretTo.current);
      moveCaretTo.current = null;
    }
  }, [text]);

  const typed = dismissed ? null : mentionQuery(text, caret);
  const suggestions = typed ? suggest(typed.query, mentions, { everyone: mentions.everyone }) : [];
  const emojiTyped = dismissed || typed ? null : shortcodeQuery(text, caret);
  const emojiData = useEmojiData(emojiTyped !== null);
  const emojiOptions = emojiTyped && emojiData.data ? searchEmoji(emojiData.data, emojiTyped.query, 8) : [];
  const optionCount = suggestions.length || emojiOptions.length;
  const activeIndex = Math.min(active, Math.max(0, optionCount - 1));

  const putEmoji = (emoji: string, start: number, end: number) => {
    const next = insertEmoji(text, start, end, emoji);
    moveCaretTo.current = next.caret;
    setCaret(next.caret);
    setText(next.text);
    draftStore.set(channel.id, next.text);
    setActive(0);
  };
  const chooseEmoji = (unicode: string) => {
    if (!emojiTyped) return;
    noteRecentEmoji(unicode);
    putEmoji(unicode, emojiTyped.start, caret);
  };
  const cancelReply = () => {
    props.onCancelReply();
    input.current?.focus();
  };

  const choose = (s: Suggestion) => {
    if (!typed) return;
    const next = applySuggestion(text, typed.start, caret, s);
    moveCaretTo.current = next.caret;
    setCaret(next.caret);
    setText(next.text);
    draftStore.set(channel.id, next.text);
    setActive(0);
  };

  const uploading = uploads.some((u) => u.status === 'uploading');
  const ready = uploads.filter((u) => u.status === 'done' && u.asset);
  const tooLong = text.length > MAX_LENGTH;
  const canSend = !uploading && !tooLong && (text.trim().length > 0 || ready.length > 0);

  const send = () => {
    if (!canSend) return;
    void sendMessage(qc, channel.id, {
      content: toWire(text.trim(), mentions),
      attachment_ids: ready.map((u) => u.asset!.id),
      attachment_names: ready.map((u) => u.file.name),
      reply_to_id: props.replyTo?.id ?? null,
    });
    setText('');
    draftStore.set(channel.id, '');
    setUploads((list) => list.filter((u) => u.status !== 'done'));
    sentSinceTyping.current = true;
    props.onCancelReply();
    props.onSent();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (optionCount > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + optionCount) % optionCount);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        if (suggestions.length > 0) choose(suggestions[activeIndex]!);
        else chooseEmoji(emojiOptions[activeIndex]!.unicode);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      send();
    } else if (e.key === 'Escape' && props.replyTo) {
      e.preventDefault();
      cancelReply();
    } else if (e.key === 'ArrowUp' && text === '') {
      e.preventDefault();
      props.onEditLast();
    }
  };

  const onChange = (typedValue: string, typedAt: number) => {
    // a whole known `:shortcode:` becomes its emoji as the closing colon is typed
    const completed = emojiData.data
      ? completeShortcode(
          typedValue,
          typedAt,
          (code) => emojiData.data.find((e) => e.shortcodes.includes(code))?.unicode,
        )
      : null;
    const value = completed?.text ?? typedValue;
    const at = completed?.caret ?? typedAt;
    if (completed) moveCaretTo.current = at;
    setText(value);
    setCaret(at);
    setDismissed(false);
    setActive(0);
    draftStore.set(channel.id, value);
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
          <button
            className="icon-btn"
            onClick={cancelReply}
            aria-label="Cancel reply"
            data-testid="reply-cancel"
          >
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
      {suggestions.length > 0 && (
        <div className="autocomplete" role="listbox" aria-label="Mention" data-testid="mention-autocomplete">
          {suggestions.map((sug, i) => (
            <button
              key={`${sug.kind}:${sug.id}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`autocomplete-item${i === activeIndex ? ' active' : ''}`}
              // keeps the focus (and the caret) in the textarea
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(sug)}
              onMouseEnter={() => setActive(i)}
              data-testid="mention-option"
              data-kind={sug.kind}
            >
              <span className="autocomplete-name">@{sug.label}</span>
              <span className="muted small">
                {sug.kind === 'user' ? 'member' : sug.kind === 'role' ? 'role' : specialHint(sug.id)}
              </span>
            </button>
          ))}
        </div>
      )}
      {emojiOptions.length > 0 && (
        <div className="autocomplete" role="listbox" aria-label="Emoji" data-testid="emoji-autocomplete">
          {emojiOptions.map((em, i) => (
            <button
              key={em.unicode}
              role="option"
              aria-selected={i === activeIndex}
              className={`autocomplete-item${i === activeIndex ? ' active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => chooseEmoji(em.unicode)}
              onMouseEnter={() => setActive(i)}
              data-testid="emoji-autocomplete-option"
              data-emoji={em.unicode}
            >
              <span className="autocomplete-name">
                <span className="autocomplete-emoji">{em.unicode}</span> :{em.shortcodes[0] ?? em.label}:
              </span>
              <span className="muted small">{em.label}</span>
            </button>
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
          placeholder={`Message ${paneLabel(channel)}`}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          // the caret moves by keys and clicks (onSelect would also fire on the key that picks a
          // suggestion, with the caret from before it)
          onKeyUp={(e) => setCaret(e.currentTarget.selectionStart)}
          onClick={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          aria-label={`Message ${paneLabel(channel)}`}
          data-testid="composer-input"
        />
        <EmojiButton
          className="icon-btn composer-emoji"
          label="Choose an emoji"
          testid="composer-emoji"
          onPick={(emoji) => {
            const at = input.current?.selectionStart ?? text.length;
            putEmoji(emoji, at, at);
            input.current?.focus();
          }}
        />
        {tooLong && <span className="counter">{MAX_LENGTH - text.length}</span>}
        <button className="btn btn-small send" disabled={!canSend} onClick={send} data-testid="send-button">
          {uploading ? 'Uploading…' : 'Send'}
        </button>
      </div>
    </div>
  );
}
