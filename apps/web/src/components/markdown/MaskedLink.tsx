/**
 * A masked link `[text](url)`: its text can say anything, so a click first shows where it goes
 * ("You are leaving twopointo — host") and opens it only when confirmed.
 */
import { useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Modal } from '../Modal.tsx';

export function MaskedLink({ href, children }: { href: string; children: ReactNode }) {
  const [asking, setAsking] = useState(false);
  const host = new URL(href).host;
  return (
    <>
      <a
        href={href}
        title={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        data-testid="masked-link"
        onClick={(e) => {
          e.preventDefault();
          setAsking(true);
        }}
      >
        {children}
      </a>
      {asking &&
        createPortal(
          <Modal title="Leaving twopointo" onClose={() => setAsking(false)} testid="leave-dialog">
            <p>
              You are leaving twopointo — <strong data-testid="leave-host">{host}</strong>
            </p>
            <p className="leave-url muted small">{href}</p>
            <div className="row end">
              <button className="btn btn-secondary" onClick={() => setAsking(false)}>
                Go back
              </button>
              <button
                className="btn"
                autoFocus
                data-testid="leave-confirm"
                onClick={() => {
                  window.open(href, '_blank', 'noopener,noreferrer');
                  setAsking(false);
                }}
              >
                Visit site
              </button>
            </div>
          </Modal>,
          document.body,
        )}
    </>
  );
}
