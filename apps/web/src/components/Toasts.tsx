/** Transient messages for actions that have no form of their own: errors, and the odd notice. */
import { useSyncExternalStore } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { Icon } from './Icon.tsx';

interface Toast {
  id: number;
  text: string;
  kind: 'error' | 'notice';
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

function show(text: string, kind: Toast['kind'], ms: number): void {
  const toast = { id: nextId++, text, kind };
  toasts = [...toasts, toast].slice(-4);
  emit();
  setTimeout(() => dismiss(toast.id), ms);
}

export function showError(err: unknown): void {
  show(errorMessage(err), 'error', 7000);
}

/** Something worth knowing that went right (stays a little longer: it may need reading). */
export function showNotice(text: string): void {
  show(text, 'notice', 12_000);
}

function dismiss(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

export function Toasts() {
  const list = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => toasts,
  );
  return (
    <div className="toasts">
      {list.map((t) => (
        <div
          key={t.id}
          className={`toast toast-${t.kind}`}
          role={t.kind === 'error' ? 'alert' : 'status'}
          data-testid="toast"
        >
          <span>{t.text}</span>
          <button className="icon-btn" onClick={() => dismiss(t.id)} aria-label="Dismiss">
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
