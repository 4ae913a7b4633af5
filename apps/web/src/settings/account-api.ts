/** The account calls of the settings screen, the profile card and the password reset screens. */
import type { PublicUser } from '@twopointo/shared';
import { identityClient, officialClient, ok, publicIdentityClient } from '../api/http.ts';
import { edgeUrl } from '../config.ts';

export interface ProfileChange {
  username?: string;
  display_name?: string | null;
  avatar_asset_id?: string | null;
  about?: string | null;
}

export const account = {
  updateMe: (body: ProfileChange) => ok(identityClient.PATCH('/me', { body })),
  sessions: () => ok(identityClient.GET('/sessions')).then((r) => r.sessions),
  revokeSession: (id: string) => ok(identityClient.DELETE('/sessions/{id}', { params: { path: { id } } })),
  changePassword: (password: string, new_password: string) =>
    ok(identityClient.POST('/me/password', { body: { password, new_password } })),
  newRecoveryCodes: (code: string) =>
    ok(identityClient.POST('/me/recovery-codes', { body: { code } })).then((r) => r.recovery_codes),
  deleteMe: (password: string, code: string) =>
    ok(identityClient.DELETE('/me', { body: { password, code } })),
  requestReset: (email: string) => ok(publicIdentityClient.POST('/password-reset', { body: { email } })),
  confirmReset: (token: string, new_password: string, code: string) =>
    ok(publicIdentityClient.POST('/password-reset/confirm', { body: { token, new_password, code } })),
  user: (uid: string): Promise<PublicUser> =>
    ok(officialClient.GET('/users/{uid}', { params: { path: { uid } } })),
};

/** The sizes public images are served in (square, WebP). */
export type ImageSize = 32 | 64 | 128 | 256;

/** Where a public image (an avatar) is served, without a token. */
export const imageUrl = (assetId: string, size: ImageSize = 64): string =>
  edgeUrl(`/api/images/${assetId}/${size}`);

/** The name to show for a user: their display name when they set one. */
export const shownName = (u: { username: string; display_name?: string | null }): string =>
  u.display_name || u.username;
