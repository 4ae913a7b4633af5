/** Asks before one irreversible mutation: Cancel closes, the danger button runs it (once at a time). */
import type { ReactNode } from 'react';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';

export function ConfirmDialog(props: {
  title: string;
  testid: string;
  /** the mutation the confirm button runs; its error shows above the buttons */
  action: { mutate: () => void; isPending: boolean; error: unknown };
  confirmLabel: string;
  confirmTestid: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { action } = props;
  return (
    <Modal title={props.title} onClose={props.onClose} testid={props.testid}>
      <p>{props.children}</p>
      <FormError error={action.error} />
      <div className="row end">
        <button className="btn btn-secondary" onClick={props.onClose}>
          Cancel
        </button>
        <button
          className="btn btn-danger"
          onClick={() => action.mutate()}
          disabled={action.isPending}
          data-testid={props.confirmTestid}
        >
          {props.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
