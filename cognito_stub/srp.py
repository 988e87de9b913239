"""SRP-6a, the server's side, with Cognito's parameters (what amazon-cognito-identity-js's
AuthenticationHelper, Amplify and pycognito compute on the client's side):

- the 3072-bit group of RFC 5054 (hex below), g = 2, k = H(PAD(N) | PAD(g)), SHA-256;
- PAD(x) is the hex of x, with a leading "0" when its length is odd, or "00" when it starts
  with 8-f (so that it reads as a positive number), hashed as bytes;
- x = H(PAD(salt) | H(<pool name> <USER_ID_FOR_SRP> ":" <password>)), where <pool name> is the
  part of the pool id after "_"; v = g^x;
- B = k·v + g^b; u = H(PAD(A) | PAD(B)); S = (A·v^u)^b;
- the key: HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key"), 16 bytes;
- PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, <pool name> | USER_ID_FOR_SRP |
  SECRET_BLOCK's bytes | TIMESTAMP)).

The stub keeps passwords in the clear (moto does), so v is computed when needed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import uuid

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836"
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804"
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6"
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226"
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
INFO = b"Caldera Derived Key\x01"
# Cognito's TIMESTAMP: English names, the day of the month without a leading zero, UTC.
TIMESTAMP = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9] UTC [0-9]{4}"
)
# Salts and the stand-in identity of unknown users derive from this, so they are stable for
# the process and unpredictable from outside it.
_PROCESS_SECRET = secrets.token_bytes(32)


def pad_hex(value: int | str) -> str:
    text = value if isinstance(value, str) else f"{value:x}"
    if len(text) % 2:
        return "0" + text
    return "00" + text if text[:1] in "89abcdefABCDEF" else text


def hash_hex(hex_text: str) -> str:
    """SHA-256 of the bytes a hex string spells, as 64 hex digits."""
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = int(hash_hex(pad_hex(N) + pad_hex(G)), 16)


def pool_name(pool_id: str) -> str:
    return pool_id.split("_", 1)[1]


def verifier(pool_id: str, user_id: str, password: str, salt_hex: str) -> int:
    secret = hashlib.sha256(f"{pool_name(pool_id)}{user_id}:{password}".encode()).hexdigest()
    x = int(hash_hex(pad_hex(salt_hex) + secret), 16)
    return pow(G, x, N)


def stable_hex(*parts: str, length: int = 16) -> str:
    """`length` bytes (as hex) that depend only on `parts` (and this process)."""
    digest = hmac.new(_PROCESS_SECRET, "\x00".join(parts).encode(), hashlib.sha256)
    return digest.hexdigest()[: 2 * length]


def stand_in_user_id(pool_id: str, username: str) -> str:
    """A USER_ID_FOR_SRP (uuid-shaped, like a sub) for a user who does not exist."""
    return str(uuid.UUID(stable_hex("user", pool_id, username.lower())))


def parse_a(srp_a: str) -> int | None:
    """The client's A, or None when it is not hex or A mod N is 0 (SRP's safety check)."""
    try:
        big_a = int(srp_a, 16)
    except (TypeError, ValueError):
        return None
    return big_a if big_a % N else None


def server_values(v: int) -> tuple[int, int]:
    """(b, B) for a new exchange; b has 256 bits, RFC 5054's minimum (and 4x faster than 1024)."""
    while True:
        b = secrets.randbits(256)
        big_b = (K * v + pow(G, b, N)) % N
        if b and big_b:
            return b, big_b


def _hkdf(ikm_hex: str, salt_hex: str) -> bytes:
    prk = hmac.new(bytes.fromhex(salt_hex), bytes.fromhex(ikm_hex), hashlib.sha256).digest()
    return hmac.new(prk, INFO, hashlib.sha256).digest()[:16]


def session_key(big_a: int, big_b: int, b: int, v: int) -> bytes | None:
    """The key both sides derive (None if u is 0: the exchange must fail)."""
    u = int(hash_hex(pad_hex(big_a) + pad_hex(big_b)), 16)
    if u == 0:
        return None
    s = pow(big_a * pow(v, u, N) % N, b, N)
    return _hkdf(pad_hex(s), pad_hex(u))


def claim_signature(
    key: bytes, pool_id: str, user_id: str, secret_block: str, timestamp: str
) -> str:
    """PASSWORD_CLAIM_SIGNATURE as the client must compute it."""
    message = (
        pool_name(pool_id).encode()
        + user_id.encode()
        + base64.b64decode(secret_block)
        + timestamp.encode()
    )
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
