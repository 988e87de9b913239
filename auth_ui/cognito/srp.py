"""The client side of Cognito's SRP-6a (USER_SRP_AUTH): the password never leaves this server,
not even to Cognito. Cognito's parameters: RFC 5054's 3072-bit group with g = 2, SHA-256, and
an HKDF ("Caldera Derived Key") over the shared secret.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404"
    "DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406"
    "B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD"
    "24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E46"
    "2E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D226"
    "1898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB397"
    "0F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A6452"
    "1F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CA"
    "FFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _padded_hex(value: int) -> str:
    """Cognito's hex of a positive number: even length, and a leading 00 when the top bit is set
    (so it reads as positive in two's complement)."""
    text = format(value, "x")
    if len(text) % 2:
        text = "0" + text
    elif text[0] in "89abcdef":
        text = "00" + text
    return text


def _hash_hex(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest().rjust(64, "0")


K = int(_hash_hex("00" + N_HEX + "0" + format(G, "x")), 16)


@dataclass(frozen=True)
class SrpClient:
    """One sign-in's ephemeral secret `a` and its public `A` (sent as SRP_A)."""

    small_a: int
    large_a: int

    @classmethod
    def start(cls, small_a: int | None = None) -> "SrpClient":
        small_a = small_a or int.from_bytes(secrets.token_bytes(128), "big") % N
        large_a = pow(G, small_a, N)
        if large_a % N == 0:  # pragma: no cover - astronomically unlikely; never send it
            return cls.start()
        return cls(small_a, large_a)

    @property
    def srp_a(self) -> str:
        return format(self.large_a, "x")

    def password_claim(
        self,
        *,
        pool_id: str,
        user_id: str,
        password: str,
        salt_hex: str,
        srp_b_hex: str,
        secret_block: str,
        now: datetime | None = None,
    ) -> dict[str, str]:
        """PASSWORD_VERIFIER's answer: TIMESTAMP, PASSWORD_CLAIM_SECRET_BLOCK and _SIGNATURE."""
        large_b = int(srp_b_hex, 16)
        if large_b % N == 0:
            raise ValueError("Cognito sent an SRP_B of 0 mod N")
        u = int(_hash_hex(_padded_hex(self.large_a) + _padded_hex(large_b)), 16)
        if u == 0:
            raise ValueError("SRP u is 0")
        pool_name = pool_id.split("_", 1)[1]
        identity = hashlib.sha256(f"{pool_name}{user_id}:{password}".encode()).hexdigest()
        x = int(_hash_hex(_padded_hex(int(salt_hex, 16)) + identity.rjust(64, "0")), 16)
        shared = pow(large_b - K * pow(G, x, N), self.small_a + u * x, N)
        key = _hkdf(bytes.fromhex(_padded_hex(shared)), bytes.fromhex(_padded_hex(u)))
        timestamp = cognito_timestamp(now or datetime.now(UTC))
        message = (
            pool_name.encode()
            + user_id.encode()
            + base64.standard_b64decode(secret_block)
            + timestamp.encode()
        )
        signature = hmac.new(key, message, hashlib.sha256).digest()
        return {
            "TIMESTAMP": timestamp,
            "PASSWORD_CLAIM_SECRET_BLOCK": secret_block,
            "PASSWORD_CLAIM_SIGNATURE": base64.standard_b64encode(signature).decode(),
        }


def _hkdf(key_material: bytes, salt: bytes) -> bytes:
    prk = hmac.new(salt, key_material, hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def cognito_timestamp(moment: datetime) -> str:
    """E.g. "Thu Nov 26 23:45:07 UTC 2026": the day not padded, as Cognito checks it."""
    moment = moment.astimezone(UTC)
    return (
        f"{WEEKDAYS[moment.weekday()]} {MONTHS[moment.month - 1]} {moment.day} "
        f"{moment:%H:%M:%S} UTC {moment.year}"
    )
