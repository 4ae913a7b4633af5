/** Inline image previews and download chips for a message's attachments. */
import type { Attachment } from '@twopointo/shared';
import { attachmentObjectUrl, PREVIEWABLE, useAttachmentUrl } from '../chat/attachment-blob.ts';
import { showError } from './Toasts.tsx';
import { Icon } from './Icon.tsx';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The largest box an image preview takes (the CSS keeps it within the pane when narrower). */
const IMAGE_BOX = { width: 400, height: 300 };

/**
 * The preview's box, scaled down to IMAGE_BOX keeping the picture's shape, from the size stored
 * with the attachment: the list lays it out before a byte arrives, so it never jumps.
 */
export function imageBox(a: Pick<Attachment, 'width' | 'height'>): { width: number; height: number } | null {
  if (!a.width || !a.height) return null;
  const scale = Math.min(1, IMAGE_BOX.width / a.width, IMAGE_BOX.height / a.height);
  return {
    width: Math.max(1, Math.round(a.width * scale)),
    height: Math.max(1, Math.round(a.height * scale)),
  };
}

function ImageAttachment({ a, onLoad }: { a: Attachment; onLoad?: () => void }) {
  const { src, error } = useAttachmentUrl(a.url);
  const box = imageBox(a);
  if (error)
    return (
      <div className="attachment-error">
        Could not load {a.filename}: {error}
      </div>
    );
  return (
    <a
      className={box ? 'attachment-image sized' : 'attachment-image'}
      // width and aspect-ratio: the box keeps its shape when a narrow pane scales it down
      style={box ? { width: box.width, aspectRatio: `${box.width} / ${box.height}` } : undefined}
      data-testid="attachment-image-box"
      href={src ?? undefined}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(e) => !src && e.preventDefault()}
    >
      {src ? (
        <img
          src={src}
          alt={a.filename}
          width={box?.width}
          height={box?.height}
          onLoad={onLoad}
          data-testid="attachment-image"
        />
      ) : (
        <span className="image-placeholder">Loading {a.filename}…</span>
      )}
    </a>
  );
}

function FileAttachment({ a }: { a: Attachment }) {
  const download = () => {
    attachmentObjectUrl(a.url).then(
      (href) => {
        const link = document.createElement('a');
        link.href = href;
        link.download = a.filename;
        link.click();
      },
      (err: unknown) => showError(err),
    );
  };
  return (
    <button className="attachment-file" onClick={download} data-testid="attachment-file">
      <span className="file-icon">
        <Icon name="file" size={22} />
      </span>
      <span className="file-name">{a.filename}</span>
      <span className="muted small">{formatSize(a.size)}</span>
    </button>
  );
}

export function Attachments({
  attachments,
  onImageLoad,
}: {
  attachments: Attachment[];
  onImageLoad?: () => void;
}) {
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.map((a) =>
        PREVIEWABLE.has(a.content_type) ? (
          <ImageAttachment key={a.id} a={a} onLoad={onImageLoad} />
        ) : (
          <FileAttachment key={a.id} a={a} />
        ),
      )}
    </div>
  );
}
