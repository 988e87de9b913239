"""moto's tokens: refresh tokens, whose an access token is, revocation and sign-out, moving a
user's tokens to a name that survives an email change, minting with our TokenMinter, and
rotating refresh tokens.

moto keeps access and ID tokens as {jwt: (client id, username)} and refresh tokens as
{token: (client id, username, origin jti)}, or None once revoked; the username is whatever the
user signed in with (their email here)."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from dataclasses import dataclass
from typing import Any

from ..minting import TokenMinter, UserFacts
from .lookup import find_user


@dataclass(frozen=True)
class RefreshToken:
    revoked: bool  # moto keeps revoked tokens (GlobalSignOut, RevokeToken) as None
    client_id: str | None = None
    username: str | None = None


def refresh_token(pool: Any, token: str) -> RefreshToken | None:
    """What moto knows of a refresh token, or None if it never issued it."""
    if token not in pool.refresh_tokens:
        return None
    entry = pool.refresh_tokens[token]
    return RefreshToken(revoked=True) if entry is None else RefreshToken(False, *entry[:2])


def tokens_from_refresh_token(pool: Any, token: str) -> tuple[str, str, int]:
    """(access token, id token, expires in) minted from a valid refresh token."""
    return pool.create_tokens_from_refresh_token(token)


def access_token_owner(backend: Any, token: str) -> tuple[Any, str] | None:
    """The pool and username an access token was issued for, or None."""
    for pool in backend.user_pools.values():
        if token in pool.access_tokens:
            _client_id, name = pool.access_tokens[token]
            return pool, name
    return None


def access_token_client(pool: Any, token: str) -> str | None:
    """The app client an access token was issued to, or None."""
    entry = pool.access_tokens.get(token)
    return entry[0] if entry else None


def _jwt_claims(token: str) -> dict[str, Any]:
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return {}


def revoke_refresh_token(pool: Any, token: str) -> list[str]:
    """Mark the refresh token revoked and forget the access/ID tokens minted from it; returns
    the access tokens forgotten."""
    entry = pool.refresh_tokens.get(token)
    pool.refresh_tokens[token] = None
    if entry is None:
        return []
    forgotten: list[str] = []
    for issued in (pool.access_tokens, pool.id_tokens):
        minted = [t for t in issued if _jwt_claims(t).get("origin_jti") == entry[2]]
        for jwt in minted:
            del issued[jwt]
        forgotten += minted if issued is pool.access_tokens else []
    return forgotten


def _held_by(pool: Any, user: Any) -> list[tuple[dict[str, Any], str, tuple]]:
    """(moto's table, token, entry) for every live access, ID and refresh token of the user."""
    return [
        (table, token, entry)
        for table in (pool.access_tokens, pool.id_tokens, pool.refresh_tokens)
        for token, entry in table.items()
        if entry is not None and find_user(pool, entry[1]) is user
    ]


@dataclass(frozen=True)
class SignedOut:
    refresh_tokens: list[str]
    access_tokens: list[str]


def sign_out(pool: Any, user: Any) -> SignedOut:
    """Revoke every refresh token of the user and forget their access and ID tokens."""
    refresh, access = [], []
    for table, token, _entry in _held_by(pool, user):
        if table is pool.refresh_tokens:
            table[token] = None
            refresh.append(token)
        else:
            del table[token]
            if table is pool.access_tokens:
                access.append(token)
    return SignedOut(refresh, access)


def name_tokens_by_sub(backend: Any, pool: Any, user: Any) -> None:
    """Re-point the user's tokens and auth sessions at their username (the sub, which never
    changes), so that they still find the user once the email changes."""
    for table, token, entry in _held_by(pool, user):
        table[token] = (entry[0], user.username, *entry[2:])
    for session, (name, session_pool) in list(backend.sessions.items()):
        if session_pool is pool and find_user(pool, name) is user:
            backend.sessions[session] = (user.username, session_pool)


def _facts(pool: Any, client_id: str, name: str) -> UserFacts:
    """The user as a token describes them: attributes the client may read (all unless it has
    ReadAttributes) and their groups."""
    user = find_user(pool, name)
    if user is None:  # moto looked the user up by this name a moment ago
        raise LookupError(f"no user {name!r} in {pool.id}")
    client = pool.clients.get(client_id)
    readable = client.extended_config.get("ReadAttributes") if client else None
    attributes = {
        attribute: value
        for attribute, value in user.attribute_lookup.items()
        if not readable or attribute in readable
    }
    groups = tuple(sorted(group.group_name for group in user.groups))
    return UserFacts(user.id, user.username, attributes, groups)


def mint_with(pool: Any, minter: TokenMinter) -> None:
    """Instance overrides on one moto pool: every ID and access token moto's own code mints
    (sign-in, refresh) is made by `minter` (our claims, our key) and kept in moto's tables."""

    def create_id_token(client_id: str, username: str, origin_jti: str) -> tuple[str, int]:
        facts = _facts(pool, client_id, username)
        token, expires_in = minter.id_token(pool.id, client_id, facts, origin_jti)
        pool.id_tokens[token] = (client_id, username)
        return token, expires_in

    def create_access_token(client_id: str, username: str, origin_jti: str) -> tuple[str, int]:
        facts = _facts(pool, client_id, username)
        token, expires_in = minter.access_token(pool.id, client_id, facts, origin_jti)
        pool.access_tokens[token] = (client_id, username)
        return token, expires_in

    pool.create_id_token = create_id_token
    pool.create_access_token = create_access_token


def rotate_refresh_token(pool: Any, token: str) -> str:
    """A new refresh token of the same sign-in (client, user and origin_jti) as `token`."""
    entry = pool.refresh_tokens[token]
    new_token = str(uuid.uuid4())
    pool.refresh_tokens[new_token] = entry
    return new_token


def forget_refresh_token(pool: Any, token: str) -> None:
    """A rotated-out token whose grace period is over: moto no longer knows it."""
    pool.refresh_tokens.pop(token, None)
