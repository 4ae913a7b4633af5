/** What the message pane and composer need of where the messages live: a server channel or a DM. */
import type { Channel } from '@twopointo/shared';

export type PaneChannel = Pick<Channel, 'id' | 'name' | 'last_message_id'> & {
  /** how it is named in text ("@bob" for a DM); "#name" when absent */
  label?: string;
};

export const paneLabel = (c: PaneChannel): string => c.label ?? `#${c.name}`;
