/**
 * Profile changes (PATCH /me): username, display name, about, avatar. The change, the avatar's
 * public flag and the USER_UPDATE outbox records commit together.
 */
import { claimPublicImage, IMAGE_TYPES, MAX_IMAGE_BYTES } from '@twopointo/official/images';
import { badRequest, isSnowflake, type Me, type UpdateMeBody } from '@twopointo/shared';
import type { TokenSubject } from '../keys/token.service.ts';
import type { EventTransactions } from './event-transactions.ts';
import { requireUser } from './require-user.ts';
import { enqueueUserUpdate } from './user-events.ts';
import { presentMe, presentPublicUser } from './user.presenter.ts';
import { uniqueViolation, type ProfileChange, type UserRepository } from './user.repository.ts';
import { USERNAME, usernameTaken } from './user.service.ts';

const MAX_DISPLAY_NAME = 32;
const MAX_ABOUT = 190;

export class ProfileService {
  constructor(private readonly deps: { events: EventTransactions; users: UserRepository }) {}

  async update(subject: TokenSubject, body: UpdateMeBody): Promise<Me> {
    const user = await requireUser(this.deps.users, subject);
    const change = validate(body);
    if (change.username !== undefined && change.username.toLowerCase() !== user.username.toLowerCase()) {
      if (await this.deps.users.usernameTaken(change.username, user.id)) throw usernameTaken();
    }
    try {
      const row = await this.deps.events.run(async (trx) => {
        if (change.avatar_asset_id) {
          const refused = await claimPublicImage(trx, user.id, change.avatar_asset_id);
          if (refused) throw invalidAvatar(refused);
        }
        const updated = await this.deps.users.updateProfile(trx, user.id, change);
        await enqueueUserUpdate(trx, presentPublicUser(updated));
        return updated;
      });
      return presentMe(row);
    } catch (err) {
      // another account took the name between the check and the update
      if (uniqueViolation(err) === 'username') throw usernameTaken();
      throw err;
    }
  }
}

/** Trims and checks each field given; "" and null clear the optional ones. */
function validate(body: UpdateMeBody): ProfileChange {
  const change: ProfileChange = {};
  if (body.username !== undefined) {
    const username = body.username.trim();
    if (!USERNAME.test(username))
      throw badRequest('invalid_input', 'body.username: must be 2-32 characters of a-z, 0-9, _ and .');
    change.username = username;
  }
  if (body.display_name !== undefined) {
    const name = body.display_name?.trim() ?? '';
    if ([...name].length > MAX_DISPLAY_NAME || /[\u0000-\u001f\u007f]/.test(name))
      throw badRequest('invalid_input', `body.display_name: must be 1-${MAX_DISPLAY_NAME} characters`);
    change.display_name = name === '' ? null : name;
  }
  if (body.about !== undefined) {
    const about = body.about?.trim() ?? '';
    if ([...about].length > MAX_ABOUT)
      throw badRequest('invalid_input', `body.about: must be at most ${MAX_ABOUT} characters`);
    change.about = about === '' ? null : about;
  }
  if (body.avatar_asset_id !== undefined) {
    // the schema's pattern lets a 19-digit number past int8 through: keep it out of SQL
    if (body.avatar_asset_id !== null && !isSnowflake(body.avatar_asset_id))
      throw badRequest('invalid_input', 'body.avatar_asset_id: must be a snowflake id');
    change.avatar_asset_id = body.avatar_asset_id;
  }
  // unknown fields are dropped by the validator: a body of only those changes nothing
  if (Object.keys(change).length === 0)
    throw badRequest('invalid_input', 'body: must name username, display_name, avatar_asset_id or about');
  return change;
}

function invalidAvatar(reason: 'unknown' | 'not_image' | 'too_large') {
  const why = {
    unknown: 'names no completed asset of yours',
    not_image: `must be an image (${IMAGE_TYPES.join(', ')})`,
    too_large: `must be at most ${MAX_IMAGE_BYTES} bytes`,
  }[reason];
  return badRequest('invalid_avatar', `body.avatar_asset_id: ${why}`);
}
