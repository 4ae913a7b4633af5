/** Owns the one GatewayClient of a signed-in session and feeds its events into the query cache. */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { session } from '../api/auth-session.ts';
import { gatewayUrl } from '../config.ts';
import { historyWindow } from '../chat/history-window.ts';
import { applyEvent } from './apply-event.ts';
import { GatewayClient, type GatewayStatus } from './gateway-client.ts';

const GatewayContext = createContext<GatewayClient | null>(null);

declare global {
  interface Window {
    /** diagnostics for the end-to-end tests */
    __twopointo?: { gateway: GatewayClient };
  }
}

export function GatewayProvider({ myId, children }: { myId: string; children: ReactNode }) {
  const qc = useQueryClient();
  const [client] = useState(
    () =>
      new GatewayClient({
        getToken: (force) => (force ? session.refresh() : session.getAccessToken()),
        url: gatewayUrl,
      }),
  );

  useEffect(() => {
    let wasDown = false;
    const offs = [
      client.on('event', (ev) => applyEvent(qc, ev, myId)),
      client.on('invalidated', () => {
        // every history is fetched again from the present, so no window stays detached
        historyWindow.clear();
        void qc.invalidateQueries();
      }),
      client.on('unauthorized', () => session.clear()),
      // presence is ephemeral: what changed while the socket was down is not replayed, so the
      // member lists are read again once it is back
      client.on('status', (status) => {
        if (status === 'reconnecting') wasDown = true;
        if (status === 'ready' && wasDown) {
          wasDown = false;
          void qc.invalidateQueries({ queryKey: ['members'] });
        }
      }),
    ];
    const offline = () => client.handleOffline();
    const online = () => client.handleOnline();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    window.__twopointo = { gateway: client };
    client.start();
    return () => {
      for (const off of offs) off();
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      client.stop();
    };
  }, [client, qc, myId]);

  return <GatewayContext.Provider value={client}>{children}</GatewayContext.Provider>;
}

export function useGateway(): GatewayClient {
  const g = useContext(GatewayContext);
  if (!g) throw new Error('useGateway outside GatewayProvider');
  return g;
}

export function useGatewayStatus(): GatewayStatus {
  const g = useGateway();
  return useSyncExternalStore(
    (cb) => g.on('status', cb),
    () => g.status,
  );
}
