/**
 * Desktop notifications through the browser's Notification API. Permission is asked for only
 * from the settings screen (a click), never on load; a notification shows only while the tab
 * is hidden, and clicking it brings the tab forward and opens the message.
 */
export type DesktopPermission = NotificationPermission | 'unsupported';

export function desktopPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

export function showDesktopNotification(n: {
  title: string;
  body: string;
  tag: string;
  onClick: () => void;
}): void {
  if (desktopPermission() !== 'granted' || document.visibilityState !== 'hidden') return;
  try {
    const notification = new Notification(n.title, { body: n.body, tag: n.tag });
    notification.onclick = () => {
      window.focus();
      n.onClick();
      notification.close();
    };
  } catch {
    // some browsers allow notifications only from a service worker: then there are none
  }
}
