/** Never a blank screen: a render error becomes a message with a way out. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error.ts';

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<{ children: ReactNode; compact?: boolean }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('render error', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className={this.props.compact ? 'crash crash-compact' : 'crash'} role="alert" data-testid="crash">
        <h2>Something went wrong</h2>
        <p>{errorMessage(this.state.error)}</p>
        <div className="row">
          <button className="btn" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          <button className="btn btn-secondary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </div>
    );
  }
}
