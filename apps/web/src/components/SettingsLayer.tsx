/**
 * The full-window settings layer that user, server and channel settings share: a rail of
 * sections (a drop-down on a phone, where a strip of tabs would run off the screen) and the
 * chosen section beside it. Focus is trapped inside, Escape closes, focus goes back on close.
 */
import { useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './Icon.tsx';
import { useFocusLayer } from './use-focus-layer.ts';
import './settings-layer.css';

export interface SettingsSection {
  id: string;
  label: string;
  render: () => ReactNode;
  danger?: boolean;
}

export function SettingsLayer({
  title,
  sections,
  initial,
  onSection,
  onClose,
  testid,
}: {
  title: string;
  sections: SettingsSection[];
  /** the section to show first; a new value (the address changed) shows that one */
  initial?: string;
  /** a section picked (the caller keeps it in the address) */
  onSection?: (id: string) => void;
  onClose: () => void;
  testid: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusLayer(ref, onClose);
  const [active, setActive] = useState(initial ?? sections[0]?.id);
  // follows the caller's section when it changes (back, forward, a link), not only at mount
  const [shown, setShown] = useState(initial);
  if (initial !== shown) {
    setShown(initial);
    setActive(initial ?? sections[0]?.id);
  }
  const section = sections.find((s) => s.id === active) ?? sections[0];
  const pick = (id: string) => {
    setActive(id);
    onSection?.(id);
  };
  // on <body>: the narrow layout slides the sidebar with a transform, which would carry a
  // fixed overlay inside it along
  return createPortal(
    <div
      className="settings-screen"
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-label={title}
      data-testid={testid}
      tabIndex={-1}
    >
      <nav className="settings-nav" aria-label={`${title} sections`}>
        <h2 className="settings-title">{title}</h2>
        <ul className="settings-tabs">
          {sections.map((s) => (
            <li key={s.id}>
              <button
                className={`settings-tab${s.id === section?.id ? ' on' : ''}${s.danger ? ' danger' : ''}`}
                aria-current={s.id === section?.id ? 'page' : undefined}
                onClick={() => pick(s.id)}
                data-testid={`settings-tab-${s.id}`}
              >
                {s.label}
              </button>
            </li>
          ))}
        </ul>
        {/* a phone's rail: the CSS shows this instead of the tabs below 700 px */}
        <select
          className="settings-picker"
          aria-label={`${title}: section`}
          value={section?.id}
          onChange={(e) => pick(e.target.value)}
          data-testid="settings-section-picker"
        >
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </nav>
      <section className="settings-body" aria-label={section?.label}>
        <div className="settings-body-head">
          <h2>{section?.label}</h2>
          <button
            className="icon-btn settings-close"
            onClick={onClose}
            aria-label="Close settings"
            data-testid="settings-close"
          >
            <Icon name="close" size={22} />
          </button>
        </div>
        {section?.render()}
      </section>
    </div>,
    document.body,
  );
}
