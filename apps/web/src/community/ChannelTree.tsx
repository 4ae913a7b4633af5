/**
 * The sidebar's channels: loose channels first, then categories that fold (remembered per
 * server) with their channels; with MANAGE_CHANNELS rows drag onto each other (before a channel,
 * into a category) and carry settings and delete buttons.
 */
import type { Channel, Server } from '@twopointo/shared';
import { useState, type DragEvent, type ReactNode } from 'react';
import { Icon } from '../components/Icon.tsx';
import { useCollapsedCategories } from './collapsed-categories.ts';
import { sidebarOrder, type Drop } from './reorder.ts';
import { useChannelReorder } from './use-channel-reorder.ts';

export interface ChannelRowProps {
  channel: Channel;
  /** the drag handle props for the row, or nothing without MANAGE_CHANNELS */
  dragProps: Record<string, unknown>;
  dropping: boolean;
}

export function ChannelTree(props: {
  server: Server;
  channels: Channel[];
  selectedChannelId: string | null;
  canManage: boolean;
  /** how one text or voice channel looks (the sidebar's own row) */
  renderChannel: (row: ChannelRowProps) => ReactNode;
  onCreateIn: (categoryId: string | null) => void;
  onEdit: (channel: Channel) => void;
  onDelete: (channel: Channel) => void;
}) {
  const { server, canManage } = props;
  const [collapsed, toggle] = useCollapsedCategories(server.id);
  const reorder = useChannelReorder(server.id);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const ordered = sidebarOrder(props.channels);

  const dnd = (id: string, drop: Drop) =>
    canManage
      ? {
          draggable: true,
          onDragStart: (e: DragEvent) => {
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', id);
            setDragged(id);
          },
          onDragEnd: () => {
            setDragged(null);
            setOver(null);
          },
          onDragOver: (e: DragEvent) => {
            if (!dragged || dragged === id) return;
            e.preventDefault();
            setOver(id);
          },
          onDragLeave: () => setOver((o) => (o === id ? null : o)),
          onDrop: (e: DragEvent) => {
            e.preventDefault();
            const from = dragged ?? e.dataTransfer.getData('text/plain');
            setDragged(null);
            setOver(null);
            if (from && from !== id) reorder(from, drop);
          },
        }
      : {};

  const rows: ReactNode[] = [];
  for (const c of ordered) {
    if (c.type === 'category') {
      const folded = collapsed.has(c.id);
      const dragIsCategory = ordered.find((x) => x.id === dragged)?.type === 'category';
      rows.push(
        <div
          key={c.id}
          className={`category-row${over === c.id ? ' drop-target' : ''}`}
          data-testid="category"
          data-category-name={c.name}
          {...dnd(
            c.id,
            dragIsCategory ? { kind: 'before', targetId: c.id } : { kind: 'into', categoryId: c.id },
          )}
        >
          <button
            className="category-toggle"
            aria-expanded={!folded}
            onClick={() => toggle(c.id)}
            data-testid="category-toggle"
          >
            <span className={`fold${folded ? ' folded' : ''}`}>
              <Icon name="chevron" size={12} />
            </span>
            <span className="channel-name">{c.name}</span>
          </button>
          {canManage && (
            <span className="category-tools">
              <button
                className="icon-btn"
                aria-label={`Create channel in ${c.name}`}
                title="Create channel"
                onClick={() => props.onCreateIn(c.id)}
                data-testid="create-in-category"
              >
                +
              </button>
              <button
                className="icon-btn"
                aria-label={`Edit category ${c.name}`}
                title="Edit category"
                onClick={() => props.onEdit(c)}
              >
                <Icon name="pencil" size={14} />
              </button>
              <button
                className="icon-btn danger"
                aria-label={`Delete category ${c.name}`}
                title="Delete category"
                onClick={() => props.onDelete(c)}
              >
                <Icon name="trash" size={14} />
              </button>
            </span>
          )}
        </div>,
      );
      continue;
    }
    const parentFolded = !!c.parent_id && collapsed.has(c.parent_id);
    if (parentFolded && c.id !== props.selectedChannelId) continue;
    rows.push(
      <div key={c.id} className={c.parent_id ? 'in-category' : undefined}>
        {props.renderChannel({
          channel: c,
          dragProps: dnd(c.id, { kind: 'before', targetId: c.id }),
          dropping: over === c.id,
        })}
      </div>,
    );
  }

  return (
    <>
      {rows}
      {canManage && dragged && (
        <div
          className={`drop-end${over === '' ? ' drop-target' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setOver('');
          }}
          onDrop={(e) => {
            e.preventDefault();
            const from = dragged;
            setDragged(null);
            setOver(null);
            reorder(from, { kind: 'end' });
          }}
          data-testid="drop-end"
        >
          Drop here to move out of a category
        </div>
      )}
    </>
  );
}
