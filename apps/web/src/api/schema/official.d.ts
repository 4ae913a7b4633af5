/** Generated from docs/openapi/official.json by `npm run gen:api-types`; do not edit. */

export interface paths {
    "/servers/{sid}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a server's audit log, newest first (VIEW_AUDIT_LOG) */
        get: operations["listAuditLog"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a server with a #general channel (the caller owns it) */
        post: operations["createServer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/servers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the servers the caller is a member of */
        get: operations["listMyServers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a server the caller is a member of */
        get: operations["getServer"];
        put?: never;
        post?: never;
        /** Delete a server (owner only) */
        delete: operations["deleteServer"];
        options?: never;
        head?: never;
        /** Change a server’s name or icon (MANAGE_SERVER), or transfer it (owner) */
        patch: operations["updateServer"];
        trace?: never;
    };
    "/servers/{sid}/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the channels the caller can view
         * @description Channels the caller can view, by position then id
         */
        get: operations["listChannels"];
        put?: never;
        /** Create a text or voice channel, or a category (MANAGE_CHANNELS) */
        post: operations["createChannel"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Move and re-parent channels in one call (MANAGE_CHANNELS)
         * @description Answers the channels that changed; CHANNEL_UPDATE for each of them
         */
        patch: operations["reorderChannels"];
        trace?: never;
    };
    "/channels/{cid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a channel and its messages (MANAGE_CHANNELS); close a 1:1 DM or leave a group DM
         * @description On a 1:1 DM: closes it for the caller only (DM_CHANNEL_DELETE to their sockets): it leaves their DM list, history kept, until a newer message arrives or they open it again. On a group DM: leaves it (as DELETE /channels/:cid/recipients/<caller>). A DM the caller is not in is 404.
         */
        delete: operations["deleteChannel"];
        options?: never;
        head?: never;
        /**
         * Rename, re-topic, move or re-parent a channel (MANAGE_CHANNELS); rename a group DM (any recipient)
         * @description On a group DM only `name` may be given (as typed, not lower-cased); DM_CHANNEL_UPDATE goes to every recipient. A 1:1 DM cannot be renamed (400 not_group_dm).
         */
        patch: operations["updateChannel"];
        trace?: never;
    };
    "/me/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's DMs, the most recently active first
         * @description At most 200. `recipients`: everyone in the DM but the caller.
         */
        get: operations["listMyDms"];
        put?: never;
        /**
         * Open a DM: the 1:1 DM with one user (found or created), or a new group DM with 2-9
         * @description Only with users who share a server with the caller and have not blocked them. 200 with the existing 1:1 DM, 201 with a new DM (then DM_CHANNEL_CREATE goes to every recipient). `name` names a group DM.
         */
        post: operations["openDm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/recipients/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Add a user to a group DM (any recipient may; at most 10 people)
         * @description Only a user who shares a server with the caller and has not blocked them. Idempotent. The added user gets DM_CHANNEL_CREATE, the others CHANNEL_RECIPIENT_ADD.
         */
        put: operations["addDmRecipient"];
        post?: never;
        /**
         * Leave a group DM (uid = yourself) or, as its owner, remove someone
         * @description CHANNEL_RECIPIENT_REMOVE goes to everyone who was in it, the removed user included. An owner who leaves hands the DM to the recipient who joined first (DM_CHANNEL_UPDATE); the last one out deletes it.
         */
        delete: operations["removeDmRecipient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/limits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What may be uploaded: the accepted content types and the largest size
         * @description Lets a client refuse a file in words before uploading it.
         */
        get: operations["assetLimits"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declare an upload and get where to PUT its bytes
         * @description Declares an upload; the client then PUTs the bytes to `upload.url` with `upload.headers`, and calls complete.
         */
        post: operations["createAsset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{aid}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark an uploaded asset ready to attach */
        post: operations["completeAsset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/assets/{aid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Redirect to an asset's download URL
         * @description Redirects to a short-lived download URL.
         */
        get: operations["downloadAsset"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/images/{aid}/{size}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A public image (avatar, server icon) resized to a square WebP
         * @description No token needed: only assets made public (as an avatar or icon) are served. The answer never changes for an id, so it is cached for a year.
         */
        get: operations["getImage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A user's public profile
         * @description The caller themselves, or a user sharing a server with the caller; anyone else is 404 unknown_user.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/messages/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search a server's messages
         * @description Newest first; full text over content (`q`, PostgreSQL web search syntax, no stemming) and filters, only in channels where the caller has VIEW_CHANNEL and READ_MESSAGE_HISTORY. `q` or a filter is required. `total`: every match, not only this page, counted up to 1,000; `total_capped` is true when there are more.
         */
        get: operations["searchMessages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Page through a channel's history (READ_MESSAGE_HISTORY)
         * @description Newest first. `before`: the newest `limit` messages older than it. `after`: the oldest `limit` messages newer than it, still sorted newest first. `around` (not with before/after): the page centred on that id (it, up to half the page newer, the rest older), `has_more` then says more exist beyond either end. `has_more`: more messages exist beyond the page in that direction.
         */
        get: operations["listMessages"];
        put?: never;
        /** Post a message (SEND_MESSAGES; ATTACH_FILES with attachments) */
        post: operations["createMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/messages/{mid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a message (the author, or MANAGE_MESSAGES) */
        delete: operations["deleteMessage"];
        options?: never;
        head?: never;
        /** Edit one's own message */
        patch: operations["editMessage"];
        trace?: never;
    };
    "/channels/{cid}/typing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Tell the channel the caller is typing (SEND_MESSAGES) */
        post: operations["startTyping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/messages/{mid}/reactions/{emoji}/@me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * React to a message (ADD_REACTIONS for an emoji not yet on it)
         * @description Needs VIEW_CHANNEL and READ_MESSAGE_HISTORY; ADD_REACTIONS too when nobody has reacted with that emoji yet. Idempotent: a reaction already there is 204 again and emits nothing; otherwise MESSAGE_REACTION_ADD goes to the channel.
         */
        put: operations["addReaction"];
        post?: never;
        /**
         * Remove the caller's reaction
         * @description Idempotent: without such a reaction it is 204 and emits nothing; otherwise MESSAGE_REACTION_REMOVE goes to the channel.
         */
        delete: operations["removeReaction"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/messages/{mid}/reactions/{emoji}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List who reacted with an emoji
         * @description By user id, ascending; `after`: users with a larger id (the next page).
         */
        get: operations["listReactionUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/pins/{mid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Pin a message (MANAGE_MESSAGES)
         * @description At most 50 pins per channel (400 too_many_pins). Idempotent: an already pinned message is 204 again and emits nothing; otherwise CHANNEL_PINS_UPDATE goes to the channel.
         */
        put: operations["pinMessage"];
        post?: never;
        /**
         * Unpin a message (MANAGE_MESSAGES)
         * @description Idempotent: a message that is not pinned is 204 and emits nothing.
         */
        delete: operations["unpinMessage"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/pins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a channel's pinned messages (READ_MESSAGE_HISTORY)
         * @description Newest pin first.
         */
        get: operations["listPins"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Block a user
         * @description Idempotent: a user already blocked is 204 again and emits nothing; otherwise RELATIONSHIP_UPDATE `{user_id, type:"blocked"}` goes to every socket of the caller. The blocked user is not told.
         */
        put: operations["blockUser"];
        post?: never;
        /**
         * Unblock a user
         * @description Idempotent: a user not blocked is 204 and emits nothing; otherwise RELATIONSHIP_UPDATE `{user_id, type:"none"}` goes to every socket of the caller.
         */
        delete: operations["unblockUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/blocks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the users the caller blocked
         * @description Newest block first.
         */
        get: operations["listMyBlocks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/messages/{mid}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a channel read up to a message
         * @description Moves the caller's read marker in the channel to the message (never backwards: an older one leaves it) and recounts the mentions after it; READ_STATE_UPDATE goes to every socket of the caller.
         */
        post: operations["ackMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/read-states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the caller's read states
         * @description One per channel the caller can view (last_read_id null before the first ack); a channel is unread when its last_message_id is above last_read_id.
         */
        get: operations["listMyReadStates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a server's members with their roles and presence */
        get: operations["listMembers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/members/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Leave a server, or kick a member
         * @description Leave the server (own id) or kick a member (KICK_MEMBERS)
         */
        delete: operations["removeMember"];
        options?: never;
        head?: never;
        /**
         * Set a nickname or a timeout
         * @description nick: own with CHANGE_NICKNAME, another member’s with MANAGE_NICKNAMES; communication_disabled_until: MODERATE_MEMBERS (null clears). Others only when ranked below the caller
         */
        patch: operations["updateMember"];
        trace?: never;
    };
    "/servers/{sid}/bans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a server's bans, newest first (BAN_MEMBERS) */
        get: operations["listBans"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/bans/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Ban a user, removing them and optionally their recent messages (BAN_MEMBERS) */
        put: operations["banUser"];
        post?: never;
        /** Lift a ban (BAN_MEMBERS) */
        delete: operations["unbanUser"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/invites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a server's usable invites with their inviters (MANAGE_SERVER) */
        get: operations["listInvites"];
        put?: never;
        /** Create an invite (CREATE_INVITE) */
        post: operations["createInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the server an invite leads to (no sign-in needed)
         * @description Public: the Edge forwards it without a token; name, icon and member count only
         */
        get: operations["previewInvite"];
        put?: never;
        post?: never;
        /** Revoke an invite (MANAGE_SERVER, or its inviter) */
        delete: operations["deleteInvite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/invites/{code}/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Join the server an invite leads to */
        post: operations["acceptInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/servers/{sid}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a server's roles (any member) */
        get: operations["listRoles"];
        put?: never;
        /** Create a role (MANAGE_ROLES) */
        post: operations["createRole"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Move roles in the hierarchy (MANAGE_ROLES)
         * @description Each listed role goes to its position (ahead of an unlisted role asking the same); only roles below the caller’s highest role may move, and only below it
         */
        patch: operations["reorderRoles"];
        trace?: never;
    };
    "/roles/{rid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a role (MANAGE_ROLES) */
        delete: operations["deleteRole"];
        options?: never;
        head?: never;
        /** Change a role’s name, permissions, colour or flags (MANAGE_ROLES) */
        patch: operations["updateRole"];
        trace?: never;
    };
    "/servers/{sid}/members/{uid}/roles/{rid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Give a member a role (MANAGE_ROLES) */
        put: operations["assignRole"];
        post?: never;
        /** Take a role from a member (MANAGE_ROLES) */
        delete: operations["unassignRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/overwrites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a channel's permission overwrites (MANAGE_ROLES) */
        get: operations["listOverwrites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/overwrites/{target_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a channel permission overwrite for a role or member (MANAGE_ROLES) */
        put: operations["putOverwrite"];
        post?: never;
        /** Remove a channel permission overwrite (MANAGE_ROLES) */
        delete: operations["deleteOverwrite"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/voice/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether voice is set up on this server (a media server is configured) */
        get: operations["getVoiceStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/channels/{cid}/voice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Join a voice channel, or refresh its credentials (CONNECT)
         * @description Answers what the client needs to reach the media server: the Edge WebSocket path, Janus tokens, the room and participant id, ICE servers. A user is in one voice channel at most: joining another leaves the first. POSTing to the channel the user is already in re-issues the tokens (no new participant, no event unless self_mute/self_deaf changed). 403 voice_channel_full at `user_limit` (MOVE_MEMBERS goes past it); 503 voice_unavailable when no media server is set up or it fails.
         */
        post: operations["joinVoice"];
        /**
         * Leave a voice channel
         * @description Idempotent: 204 also when the caller is not in this channel.
         */
        delete: operations["leaveVoice"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/voice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change your own voice state (self_video/self_stream true need STREAM)
         * @description 400 not_in_voice when not connected. Emits VOICE_STATE_UPDATE when something changed.
         */
        patch: operations["updateMyVoiceState"];
        trace?: never;
    };
    "/servers/{sid}/voice-states/{uid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Server mute/deafen (MUTE_MEMBERS / DEAFEN_MEMBERS), move or disconnect (MOVE_MEMBERS) a member
         * @description mute/deaf are kept for the member in this server across joins and enforced at the media server. `channel_id` moves a connected member (400 not_in_voice otherwise; the moved member must have CONNECT there), `channel_id: null` disconnects. Answers the member’s voice state, or null when they are not (or no longer) connected.
         */
        patch: operations["moderateVoiceState"];
        trace?: never;
    };
    "/servers/{sid}/voice-states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is in the server's voice channels (those the caller can see) */
        get: operations["listVoiceStates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ErrorBody: {
            error: {
                code: string;
                message: string;
            };
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listAuditLog: {
        parameters: {
            query?: {
                /** @description only entries of this action */
                action?: "server_update" | "channel_create" | "channel_update" | "channel_delete" | "channel_overwrite_update" | "channel_overwrite_delete" | "role_create" | "role_update" | "role_delete" | "member_role_update" | "member_update" | "member_kick" | "member_ban_add" | "member_ban_remove" | "invite_create" | "invite_delete" | "message_delete";
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                actor_id?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                before?: string;
                limit?: number;
            };
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        entries: {
                            /** @description snowflake id */
                            id: string;
                            /** @description what happened, e.g. member_ban_add (see docs/API.md) */
                            action: string;
                            /** @description snowflake id */
                            actor_id: string;
                            /** @description snowflake id */
                            target_id: string | null;
                            reason: string | null;
                            changes: {
                                key: string;
                                old?: unknown;
                                new?: unknown;
                            }[];
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createServer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed; 1-100 characters */
                    name: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        name: string;
                        /** @description snowflake id */
                        owner_id: string;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the icon: GET /api/images/{icon_asset_id}/{size}; null: none */
                        icon_asset_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMyServers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        servers: {
                            /** @description snowflake id */
                            id: string;
                            name: string;
                            /** @description snowflake id */
                            owner_id: string;
                            /** Format: date-time */
                            created_at: string;
                            /** @description the icon: GET /api/images/{icon_asset_id}/{size}; null: none */
                            icon_asset_id: string | (never | null);
                        }[];
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        name: string;
                        /** @description snowflake id */
                        owner_id: string;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the icon: GET /api/images/{icon_asset_id}/{size}; null: none */
                        icon_asset_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateServer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed; 1-100 characters */
                    name?: string;
                    /** @description a completed image of the caller; null removes it */
                    icon_asset_id?: string | (never | null);
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    owner_id?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        name: string;
                        /** @description snowflake id */
                        owner_id: string;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the icon: GET /api/images/{icon_asset_id}/{size}; null: none */
                        icon_asset_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listChannels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            server_id: string;
                            name: string;
                            topic: string | null;
                            position: number;
                            /** Format: date-time */
                            created_at: string;
                            /** @description the newest message; the channel is unread when it is above the read marker */
                            last_message_id: string | (never | null);
                            /** @description text: messages; voice: talk; category: a heading that groups channels */
                            type: "text" | "voice" | "category";
                            /** @description the category the channel sits under */
                            parent_id: string | (never | null);
                            /** @description voice only: at most this many at once; 0: no limit */
                            user_limit?: number;
                            /** @description voice only: audio bit/s */
                            bitrate?: number;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed, lower-cased, whitespace runs become "-"; then 1-100 characters */
                    name: string;
                    /** @description text: messages; voice: talk; category: a heading that groups channels */
                    type?: "text" | "voice" | "category";
                    topic?: string | null;
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    parent_id?: string | null;
                    /** @description voice only; 0: no limit */
                    user_limit?: number;
                    /** @description voice only; bit/s */
                    bitrate?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        server_id: string;
                        name: string;
                        topic: string | null;
                        position: number;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the newest message; the channel is unread when it is above the read marker */
                        last_message_id: string | (never | null);
                        /** @description text: messages; voice: talk; category: a heading that groups channels */
                        type: "text" | "voice" | "category";
                        /** @description the category the channel sits under */
                        parent_id: string | (never | null);
                        /** @description voice only: at most this many at once; 0: no limit */
                        user_limit?: number;
                        /** @description voice only: audio bit/s */
                        bitrate?: number;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reorderChannels: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    id: string;
                    position: number;
                    /** @description a category; null: top level */
                    parent_id?: string | (never | null);
                }[];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            server_id: string;
                            name: string;
                            topic: string | null;
                            position: number;
                            /** Format: date-time */
                            created_at: string;
                            /** @description the newest message; the channel is unread when it is above the read marker */
                            last_message_id: string | (never | null);
                            /** @description text: messages; voice: talk; category: a heading that groups channels */
                            type: "text" | "voice" | "category";
                            /** @description the category the channel sits under */
                            parent_id: string | (never | null);
                            /** @description voice only: at most this many at once; 0: no limit */
                            user_limit?: number;
                            /** @description voice only: audio bit/s */
                            bitrate?: number;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateChannel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed, lower-cased, whitespace runs become "-"; then 1-100 characters */
                    name?: string;
                    topic?: string | null;
                    position?: number;
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    parent_id?: string | null;
                    /** @description voice only; 0: no limit */
                    user_limit?: number;
                    /** @description voice only; bit/s */
                    bitrate?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        server_id: string;
                        name: string;
                        topic: string | null;
                        position: number;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the newest message; the channel is unread when it is above the read marker */
                        last_message_id: string | (never | null);
                        /** @description text: messages; voice: talk; category: a heading that groups channels */
                        type: "text" | "voice" | "category";
                        /** @description the category the channel sits under */
                        parent_id: string | (never | null);
                        /** @description voice only: at most this many at once; 0: no limit */
                        user_limit?: number;
                        /** @description voice only: audio bit/s */
                        bitrate?: number;
                    } | {
                        /** @description snowflake id */
                        id: string;
                        type: "dm" | "group_dm";
                        /** @description a group DM's name; null: named after its recipients */
                        name: string | null;
                        /** @description a group DM's owner (may remove others); null for a 1:1 DM */
                        owner_id: string | (never | null);
                        /** @description everyone in it but the caller, by username */
                        recipients: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        }[];
                        /** @description the newest message; the DM is unread when it is above the read marker */
                        last_message_id: string | (never | null);
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMyDms: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        channels: {
                            /** @description snowflake id */
                            id: string;
                            type: "dm" | "group_dm";
                            /** @description a group DM's name; null: named after its recipients */
                            name: string | null;
                            /** @description a group DM's owner (may remove others); null for a 1:1 DM */
                            owner_id: string | (never | null);
                            /** @description everyone in it but the caller, by username */
                            recipients: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            }[];
                            /** @description the newest message; the DM is unread when it is above the read marker */
                            last_message_id: string | (never | null);
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    openDm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description one id: the 1:1 DM with that user; 2-9: a new group DM */
                    recipient_ids: string[];
                    /** @description a group DM's name, 1-100 characters */
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        type: "dm" | "group_dm";
                        /** @description a group DM's name; null: named after its recipients */
                        name: string | null;
                        /** @description a group DM's owner (may remove others); null for a 1:1 DM */
                        owner_id: string | (never | null);
                        /** @description everyone in it but the caller, by username */
                        recipients: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        }[];
                        /** @description the newest message; the DM is unread when it is above the read marker */
                        last_message_id: string | (never | null);
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        type: "dm" | "group_dm";
                        /** @description a group DM's name; null: named after its recipients */
                        name: string | null;
                        /** @description a group DM's owner (may remove others); null for a 1:1 DM */
                        owner_id: string | (never | null);
                        /** @description everyone in it but the caller, by username */
                        recipients: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        }[];
                        /** @description the newest message; the DM is unread when it is above the read marker */
                        last_message_id: string | (never | null);
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    addDmRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    removeDmRecipient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    assetLimits: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the content types an upload may declare */
                        content_types: string[];
                        /** @description the largest upload, in bytes */
                        max_bytes: number;
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createAsset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description shown to downloaders; no path separators or control characters */
                    filename: string;
                    /**
                     * @description one of the configured ASSET_CONTENT_TYPES; the upload must send it as Content-Type
                     * @enum {string}
                     */
                    content_type: "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "video/mp4" | "video/webm" | "audio/mpeg" | "audio/ogg" | "audio/wav" | "application/pdf" | "text/plain" | "application/zip";
                    /** @description exact byte length of the upload; at most ASSET_MAX_BYTES (26214400 here), else 413 */
                    size: number;
                    /** @description images only, with height: the width in pixels as the client read it; complete replaces it with what the stored bytes say */
                    width?: number;
                    /** @description images only, with width: the height in pixels */
                    height?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        upload: {
                            url: string;
                            /** @enum {string} */
                            method: "PUT";
                            headers: {
                                [key: string]: string;
                            };
                        };
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    completeAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                aid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        filename: string;
                        content_type: string;
                        size: number;
                        url: string;
                        /** @description image width in pixels; null when not an image */
                        width: number | null;
                        /** @description image height in pixels; null when not an image */
                        height: number | null;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description conflict: the resource is not in the state this needs */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    downloadAsset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                aid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Location: the download URL */
            302: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getImage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                aid: string;
                /** @description one of 32, 64, 128, 256 (px, square) */
                size: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description image/webp */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        username: string;
                        display_name: string | null;
                        /** @description snowflake id */
                        avatar: string | null;
                        about: string | null;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    searchMessages: {
        parameters: {
            query?: {
                /** @description words to find (web search syntax: "phrase", -not, or) */
                q?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                author_id?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                channel_id?: string;
                has?: "file" | "image" | "link";
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                before?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                after?: string;
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            channel_id: string;
                            /** @description null in a DM */
                            server_id: string | (never | null);
                            author: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                            content: string;
                            attachments: {
                                /** @description snowflake id */
                                id: string;
                                filename: string;
                                content_type: string;
                                size: number;
                                url: string;
                                /** @description image width in pixels; null when not an image */
                                width: number | null;
                                /** @description image height in pixels; null when not an image */
                                height: number | null;
                            }[];
                            /** @description snowflake id */
                            reply_to_id: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            edited_at: string | null;
                            /** @description users mentioned by <@id> (members who can view the channel) */
                            mentions: string[];
                            /** @description roles of this server mentioned by <@&id> */
                            mention_roles: string[];
                            /** @description @everyone or @here, by an author with MENTION_EVERYONE */
                            mention_everyone: boolean;
                            /** @description per emoji, in the order each was first used */
                            reactions: {
                                /** @description a Unicode emoji */
                                emoji: string;
                                /** @description users who reacted with it */
                                count: number;
                                /** @description the caller is one of them (always false in gateway events: they go to everyone) */
                                me: boolean;
                            }[];
                            pinned: boolean;
                            /** @description 'default': written by its author; 'pin': the system line "<author> pinned a message" */
                            type: "default" | "pin";
                            /** @description for type 'pin': the pinned message (it may have been deleted) */
                            reference_id: string | (never | null);
                        }[];
                        total: number;
                        total_capped: boolean;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMessages: {
        parameters: {
            query?: {
                limit?: number;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                before?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                after?: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                around?: string;
            };
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            channel_id: string;
                            /** @description null in a DM */
                            server_id: string | (never | null);
                            author: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                            content: string;
                            attachments: {
                                /** @description snowflake id */
                                id: string;
                                filename: string;
                                content_type: string;
                                size: number;
                                url: string;
                                /** @description image width in pixels; null when not an image */
                                width: number | null;
                                /** @description image height in pixels; null when not an image */
                                height: number | null;
                            }[];
                            /** @description snowflake id */
                            reply_to_id: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            edited_at: string | null;
                            /** @description users mentioned by <@id> (members who can view the channel) */
                            mentions: string[];
                            /** @description roles of this server mentioned by <@&id> */
                            mention_roles: string[];
                            /** @description @everyone or @here, by an author with MENTION_EVERYONE */
                            mention_everyone: boolean;
                            /** @description per emoji, in the order each was first used */
                            reactions: {
                                /** @description a Unicode emoji */
                                emoji: string;
                                /** @description users who reacted with it */
                                count: number;
                                /** @description the caller is one of them (always false in gateway events: they go to everyone) */
                                me: boolean;
                            }[];
                            pinned: boolean;
                            /** @description 'default': written by its author; 'pin': the system line "<author> pinned a message" */
                            type: "default" | "pin";
                            /** @description for type 'pin': the pinned message (it may have been deleted) */
                            reference_id: string | (never | null);
                        }[];
                        has_more: boolean;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1-4000 characters after trimming; may be blank when the message has attachments */
                    content?: string;
                    attachment_ids?: string[];
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    reply_to_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        channel_id: string;
                        /** @description null in a DM */
                        server_id: string | (never | null);
                        author: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        };
                        content: string;
                        attachments: {
                            /** @description snowflake id */
                            id: string;
                            filename: string;
                            content_type: string;
                            size: number;
                            url: string;
                            /** @description image width in pixels; null when not an image */
                            width: number | null;
                            /** @description image height in pixels; null when not an image */
                            height: number | null;
                        }[];
                        /** @description snowflake id */
                        reply_to_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        edited_at: string | null;
                        /** @description users mentioned by <@id> (members who can view the channel) */
                        mentions: string[];
                        /** @description roles of this server mentioned by <@&id> */
                        mention_roles: string[];
                        /** @description @everyone or @here, by an author with MENTION_EVERYONE */
                        mention_everyone: boolean;
                        /** @description per emoji, in the order each was first used */
                        reactions: {
                            /** @description a Unicode emoji */
                            emoji: string;
                            /** @description users who reacted with it */
                            count: number;
                            /** @description the caller is one of them (always false in gateway events: they go to everyone) */
                            me: boolean;
                        }[];
                        pinned: boolean;
                        /** @description 'default': written by its author; 'pin': the system line "<author> pinned a message" */
                        type: "default" | "pin";
                        /** @description for type 'pin': the pinned message (it may have been deleted) */
                        reference_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description rate_limited: try again after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    editMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1-4000 characters after trimming; may be blank when the message has attachments */
                    content: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        channel_id: string;
                        /** @description null in a DM */
                        server_id: string | (never | null);
                        author: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        };
                        content: string;
                        attachments: {
                            /** @description snowflake id */
                            id: string;
                            filename: string;
                            content_type: string;
                            size: number;
                            url: string;
                            /** @description image width in pixels; null when not an image */
                            width: number | null;
                            /** @description image height in pixels; null when not an image */
                            height: number | null;
                        }[];
                        /** @description snowflake id */
                        reply_to_id: string | null;
                        /** Format: date-time */
                        created_at: string;
                        /** Format: date-time */
                        edited_at: string | null;
                        /** @description users mentioned by <@id> (members who can view the channel) */
                        mentions: string[];
                        /** @description roles of this server mentioned by <@&id> */
                        mention_roles: string[];
                        /** @description @everyone or @here, by an author with MENTION_EVERYONE */
                        mention_everyone: boolean;
                        /** @description per emoji, in the order each was first used */
                        reactions: {
                            /** @description a Unicode emoji */
                            emoji: string;
                            /** @description users who reacted with it */
                            count: number;
                            /** @description the caller is one of them (always false in gateway events: they go to everyone) */
                            me: boolean;
                        }[];
                        pinned: boolean;
                        /** @description 'default': written by its author; 'pin': the system line "<author> pinned a message" */
                        type: "default" | "pin";
                        /** @description for type 'pin': the pinned message (it may have been deleted) */
                        reference_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    startTyping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description rate_limited: try again after Retry-After seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    addReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
                /** @description a Unicode emoji (URL-encoded in the path), at most 32 UTF-8 bytes; no custom emoji yet */
                emoji: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    removeReaction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
                /** @description a Unicode emoji (URL-encoded in the path), at most 32 UTF-8 bytes; no custom emoji yet */
                emoji: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listReactionUsers: {
        parameters: {
            query?: {
                limit?: number;
                /** @description list users with a larger id than this one */
                after?: string;
            };
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
                /** @description a Unicode emoji (URL-encoded in the path), at most 32 UTF-8 bytes; no custom emoji yet */
                emoji: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    pinMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unpinMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listPins: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        messages: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            channel_id: string;
                            /** @description null in a DM */
                            server_id: string | (never | null);
                            author: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                            content: string;
                            attachments: {
                                /** @description snowflake id */
                                id: string;
                                filename: string;
                                content_type: string;
                                size: number;
                                url: string;
                                /** @description image width in pixels; null when not an image */
                                width: number | null;
                                /** @description image height in pixels; null when not an image */
                                height: number | null;
                            }[];
                            /** @description snowflake id */
                            reply_to_id: string | null;
                            /** Format: date-time */
                            created_at: string;
                            /** Format: date-time */
                            edited_at: string | null;
                            /** @description users mentioned by <@id> (members who can view the channel) */
                            mentions: string[];
                            /** @description roles of this server mentioned by <@&id> */
                            mention_roles: string[];
                            /** @description @everyone or @here, by an author with MENTION_EVERYONE */
                            mention_everyone: boolean;
                            /** @description per emoji, in the order each was first used */
                            reactions: {
                                /** @description a Unicode emoji */
                                emoji: string;
                                /** @description users who reacted with it */
                                count: number;
                                /** @description the caller is one of them (always false in gateway events: they go to everyone) */
                                me: boolean;
                            }[];
                            pinned: boolean;
                            /** @description 'default': written by its author; 'pin': the system line "<author> pinned a message" */
                            type: "default" | "pin";
                            /** @description for type 'pin': the pinned message (it may have been deleted) */
                            reference_id: string | (never | null);
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    blockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unblockUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMyBlocks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        users: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        }[];
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    ackMessage: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                mid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMyReadStates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        read_states: {
                            /** @description snowflake id */
                            channel_id: string;
                            /** @description the newest message read; null before the first ack */
                            last_read_id: string | (never | null);
                            /** @description messages after the marker that mention the user */
                            mention_count: number;
                        }[];
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listMembers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        members: {
                            user: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                            roles: string[];
                            /** Format: date-time */
                            joined_at: string;
                            status: "online" | "offline";
                            /** @description the name shown in this server; null: none */
                            nick: string | null;
                            /**
                             * Format: date-time
                             * @description timed out until then (may read, not send, react, type or speak); null: not timed out
                             */
                            communication_disabled_until: string | null;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed; at most 32 characters; "" or null clears */
                    nick?: string | null;
                    /** @description ISO-8601 time in the future, at most 28 days ahead */
                    communication_disabled_until?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        user: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        };
                        roles: string[];
                        /** Format: date-time */
                        joined_at: string;
                        status: "online" | "offline";
                        /** @description the name shown in this server; null: none */
                        nick: string | null;
                        /**
                         * Format: date-time
                         * @description timed out until then (may read, not send, react, type or speak); null: not timed out
                         */
                        communication_disabled_until: string | null;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listBans: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bans: {
                            user: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                            reason: string | null;
                            /** Format: date-time */
                            created_at: string;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    banUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description kept with the ban and in the audit log */
                    reason?: string | null;
                    /** @description delete the user’s messages in the server from this many seconds back (0: none) */
                    delete_message_seconds?: number;
                };
            };
        };
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unbanUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listInvites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invites: {
                            code: string;
                            /** @description snowflake id */
                            server_id: string;
                            /** @description snowflake id */
                            inviter_id: string;
                            max_uses: number | null;
                            uses: number;
                            /** Format: date-time */
                            expires_at: string | null;
                            /** Format: date-time */
                            created_at: string;
                            inviter?: {
                                /** @description snowflake id */
                                id: string;
                                username: string;
                                /** @description shown instead of the username where set */
                                display_name?: string | null;
                                /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                                avatar?: string | (never | null);
                            };
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 0 or null: unlimited */
                    max_uses?: number | null;
                    /** @description seconds */
                    expires_in?: number | null;
                    /** @description Discord’s name for expires_in: seconds the invite lasts; 0: never expires */
                    max_age?: 0 | number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        /** @description snowflake id */
                        server_id: string;
                        /** @description snowflake id */
                        inviter_id: string;
                        max_uses: number | null;
                        uses: number;
                        /** Format: date-time */
                        expires_at: string | null;
                        /** Format: date-time */
                        created_at: string;
                        inviter?: {
                            /** @description snowflake id */
                            id: string;
                            username: string;
                            /** @description shown instead of the username where set */
                            display_name?: string | null;
                            /** @description avatar asset id: GET /api/images/{avatar}/{size} */
                            avatar?: string | (never | null);
                        };
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    previewInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        server: {
                            /** @description snowflake id */
                            id: string;
                            name: string;
                            /** @description snowflake id */
                            icon_asset_id: string | null;
                        };
                        member_count: number;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    acceptInvite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        name: string;
                        /** @description snowflake id */
                        owner_id: string;
                        /** Format: date-time */
                        created_at: string;
                        /** @description the icon: GET /api/images/{icon_asset_id}/{size}; null: none */
                        icon_asset_id: string | (never | null);
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            server_id: string;
                            name: string;
                            /** @description permission bit set as a decimal string */
                            permissions: string;
                            /** @description higher is higher in the hierarchy; @everyone is 0 */
                            position: number;
                            /** Format: date-time */
                            created_at: string;
                            /** @description 0xRRGGBB; 0: no colour */
                            color: number;
                            /** @description its members are listed apart in the member list */
                            hoist: boolean;
                            /** @description anyone may @mention it */
                            mentionable: boolean;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    createRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed; 1-100 characters */
                    name: string;
                    /** @description permission bit set as a decimal string (defined bits only, at most 2^63 - 1) */
                    permissions?: string;
                    /** @description 0xRRGGBB; 0: no colour */
                    color?: number;
                    /** @description list its members apart */
                    hoist?: boolean;
                    /** @description anyone may @mention it */
                    mentionable?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        server_id: string;
                        name: string;
                        /** @description permission bit set as a decimal string */
                        permissions: string;
                        /** @description higher is higher in the hierarchy; @everyone is 0 */
                        position: number;
                        /** Format: date-time */
                        created_at: string;
                        /** @description 0xRRGGBB; 0: no colour */
                        color: number;
                        /** @description its members are listed apart in the member list */
                        hoist: boolean;
                        /** @description anyone may @mention it */
                        mentionable: boolean;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    reorderRoles: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        /** @description new positions (@everyone stays at 0) */
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: snowflake
                     * @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer
                     */
                    id: string;
                    position: number;
                }[];
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        roles: {
                            /** @description snowflake id */
                            id: string;
                            /** @description snowflake id */
                            server_id: string;
                            name: string;
                            /** @description permission bit set as a decimal string */
                            permissions: string;
                            /** @description higher is higher in the hierarchy; @everyone is 0 */
                            position: number;
                            /** Format: date-time */
                            created_at: string;
                            /** @description 0xRRGGBB; 0: no colour */
                            color: number;
                            /** @description its members are listed apart in the member list */
                            hoist: boolean;
                            /** @description anyone may @mention it */
                            mentionable: boolean;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                rid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                rid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description trimmed; 1-100 characters */
                    name?: string;
                    /** @description permission bit set as a decimal string (defined bits only, at most 2^63 - 1) */
                    permissions?: string;
                    /** @description 0xRRGGBB; 0: no colour */
                    color?: number;
                    /** @description list its members apart */
                    hoist?: boolean;
                    /** @description anyone may @mention it */
                    mentionable?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        id: string;
                        /** @description snowflake id */
                        server_id: string;
                        name: string;
                        /** @description permission bit set as a decimal string */
                        permissions: string;
                        /** @description higher is higher in the hierarchy; @everyone is 0 */
                        position: number;
                        /** Format: date-time */
                        created_at: string;
                        /** @description 0xRRGGBB; 0: no colour */
                        color: number;
                        /** @description its members are listed apart in the member list */
                        hoist: boolean;
                        /** @description anyone may @mention it */
                        mentionable: boolean;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    assignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                rid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    unassignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                rid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listOverwrites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        overwrites: {
                            /** @description snowflake id */
                            channel_id: string;
                            /** @description snowflake id */
                            target_id: string;
                            type: "role" | "member";
                            allow: string;
                            deny: string;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    putOverwrite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                target_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    type: "role" | "member";
                    /** @description permission bit set as a decimal string (defined bits only, at most 2^63 - 1) */
                    allow?: string;
                    /** @description permission bit set as a decimal string (defined bits only, at most 2^63 - 1) */
                    deny?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        channel_id: string;
                        /** @description snowflake id */
                        target_id: string;
                        type: "role" | "member";
                        allow: string;
                        deny: string;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    deleteOverwrite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                target_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    getVoiceStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description false: "Voice is not set up on this server" */
                        available: boolean;
                    };
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    joinVoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    self_mute?: boolean;
                    self_deaf?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the Edge's WebSocket path to the room's Janus (same origin, subprotocol janus-protocol) */
                        url: string;
                        /** @description Janus API token: the `token` of every Janus request */
                        token: string;
                        /** @description the `token` of VideoRoom `join` requests (publisher and subscriber) */
                        join_token: string;
                        /** @description the VideoRoom room id (the channel id) */
                        room: string;
                        /** @description the `id` to join the room with as a publisher */
                        participant_id: string;
                        /**
                         * Format: date-time
                         * @description both tokens expire then: POST again before
                         */
                        expires_at: string;
                        ice_servers: {
                            urls: string[];
                            username?: string;
                            credential?: string;
                        }[];
                        /** @description bit/s cap of each publisher */
                        bitrate: number;
                        voice_state: {
                            /** @description snowflake id */
                            user_id: string;
                            /** @description snowflake id */
                            server_id: string;
                            /** @description null in the event that announces a leave */
                            channel_id: string | (never | null);
                            self_mute: boolean;
                            self_deaf: boolean;
                            /** @description server mute (MUTE_MEMBERS); enforced at the media server */
                            mute: boolean;
                            /** @description server deafen (DEAFEN_MEMBERS) */
                            deaf: boolean;
                            self_video: boolean;
                            self_stream: boolean;
                            /** @description may not speak here (no SPEAK, or timed out); enforced like a mute */
                            suppress: boolean;
                        };
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    leaveVoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                cid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    updateMyVoiceState: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    self_mute?: boolean;
                    self_deaf?: boolean;
                    /** @description camera on; true needs STREAM */
                    self_video?: boolean;
                    /** @description screen share on; true needs STREAM */
                    self_stream?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description snowflake id */
                        user_id: string;
                        /** @description snowflake id */
                        server_id: string;
                        /** @description null in the event that announces a leave */
                        channel_id: string | (never | null);
                        self_mute: boolean;
                        self_deaf: boolean;
                        /** @description server mute (MUTE_MEMBERS); enforced at the media server */
                        mute: boolean;
                        /** @description server deafen (DEAFEN_MEMBERS) */
                        deaf: boolean;
                        self_video: boolean;
                        self_stream: boolean;
                        /** @description may not speak here (no SPEAK, or timed out); enforced like a mute */
                        suppress: boolean;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    moderateVoiceState: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                uid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description server mute (MUTE_MEMBERS) */
                    mute?: boolean;
                    /** @description server deafen (DEAFEN_MEMBERS) */
                    deaf?: boolean;
                    /** @description move to this voice channel, or null to disconnect (MOVE_MEMBERS) */
                    channel_id?: string | (never | null);
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        voice_state: {
                            /** @description snowflake id */
                            user_id: string;
                            /** @description snowflake id */
                            server_id: string;
                            /** @description null in the event that announces a leave */
                            channel_id: string | (never | null);
                            self_mute: boolean;
                            self_deaf: boolean;
                            /** @description server mute (MUTE_MEMBERS); enforced at the media server */
                            mute: boolean;
                            /** @description server deafen (DEAFEN_MEMBERS) */
                            deaf: boolean;
                            self_video: boolean;
                            self_stream: boolean;
                            /** @description may not speak here (no SPEAK, or timed out); enforced like a mute */
                            suppress: boolean;
                        } | null;
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description forbidden: the caller may not do this (e.g. missing_permission) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description payload_too_large: the request body (or the declared upload) is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unsupported_media_type: the body must be application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
    listVoiceStates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description snowflake id: a decimal string of at most 19 digits that fits a signed 64-bit integer */
                sid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        voice_states: {
                            /** @description snowflake id */
                            user_id: string;
                            /** @description snowflake id */
                            server_id: string;
                            /** @description null in the event that announces a leave */
                            channel_id: string | (never | null);
                            self_mute: boolean;
                            self_deaf: boolean;
                            /** @description server mute (MUTE_MEMBERS); enforced at the media server */
                            mute: boolean;
                            /** @description server deafen (DEAFEN_MEMBERS) */
                            deaf: boolean;
                            self_video: boolean;
                            self_stream: boolean;
                            /** @description may not speak here (no SPEAK, or timed out); enforced like a mute */
                            suppress: boolean;
                        }[];
                    };
                };
            };
            /** @description invalid_input (the message names the field), or another 400 code the operation describes */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unauthorized: missing, malformed, expired or revoked token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description not_found: the resource does not exist or the caller cannot see it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description internal: an unexpected failure, logged with the request id */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
            /** @description unavailable: a backend (database, cache, bus) cannot be reached; try again */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorBody"];
                };
            };
        };
    };
}
