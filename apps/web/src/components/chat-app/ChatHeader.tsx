/** The bar over the conversation: its title, server search, and the pins and members toggles. */
import type { Channel, DmChannel, Server, UserRef } from '@twopointo/shared';
import { DmHeader } from '../../dms/DmHeader.tsx';
import { ConvIcon } from '../conv-icons.tsx';
import { Icon } from '../Icon.tsx';
import type { Panels } from './use-panels.ts';

export function ChatHeader({
  me,
  home,
  dm,
  server,
  channel,
  panels,
  onDmLeft,
}: {
  me: UserRef;
  home: boolean;
  dm: DmChannel | undefined;
  server: Server | undefined;
  channel: Channel | undefined;
  panels: Panels;
  onDmLeft: () => void;
}) {
  const p = panels;
  return (
    <header className="main-head">
      <button
        className="icon-btn only-narrow"
        aria-label="Show channels"
        onClick={() => p.setChannelsOpen((o) => !o)}
        data-testid="toggle-channels"
      >
        <Icon name="menu" />
      </button>
      {home ? (
        dm ? (
          <DmHeader dm={dm} myId={me.id} onLeft={onDmLeft} />
        ) : (
          <h1 className="channel-title muted">Home</h1>
        )
      ) : channel ? (
        <h1 className="channel-title" data-testid="channel-title">
          <span className="hash">#</span>
          {channel.name}
          {channel.topic && <span className="topic">{channel.topic}</span>}
        </h1>
      ) : (
        <h1 className="channel-title muted">{server ? 'No channel' : 'twopointo'}</h1>
      )}
      <span className="spacer" />
      {server && !home && (
        <form
          className="search-box"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            p.setSearchText(p.searchInput.trim() || null);
          }}
        >
          <input
            type="search"
            value={p.searchInput}
            placeholder="Search"
            aria-label={`Search ${server.name}`}
            onChange={(e) => p.setSearchInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                p.setSearchInput('');
                p.setSearchText(null);
              }
            }}
            data-testid="search-input"
          />
        </form>
      )}
      {channel && !home && (
        <button
          className={`icon-btn${p.pinsOpen ? ' on' : ''}`}
          aria-label={p.pinsOpen ? 'Hide pinned messages' : 'Pinned messages'}
          aria-pressed={p.pinsOpen}
          title="Pinned messages"
          onClick={() => p.setPinsOpen((o) => !o)}
          data-testid="toggle-pins"
        >
          <ConvIcon name="pin" size={20} />
        </button>
      )}
      {server && !home && (
        <button
          className={`icon-btn${p.membersOpen ? ' on' : ''}`}
          aria-label={p.membersOpen ? 'Hide members' : 'Show members'}
          aria-pressed={p.membersOpen}
          onClick={() => p.setMembersOpen((o) => !o)}
          data-testid="toggle-members"
        >
          <Icon name="users" size={20} />
        </button>
      )}
    </header>
  );
}

/** A place the address names that is not there, or not for you: said plainly, with a way on. */
export function Unavailable({ what, onLeave }: { what: 'server' | 'channel' | 'dm'; onLeave: () => void }) {
  const text =
    what === 'server'
      ? 'This server does not exist, or you are not a member of it.'
      : what === 'dm'
        ? 'This conversation does not exist, or you are not in it.'
        : 'This channel does not exist, or you do not have access to it.';
  return (
    <div className="empty" role="alert" data-testid="place-unavailable">
      <h2>Nothing to see here</h2>
      <p className="muted">{text}</p>
      <button className="btn" onClick={onLeave} data-testid="place-unavailable-leave">
        {what === 'dm' ? 'Go to Home' : 'Go to your servers'}
      </button>
    </div>
  );
}
