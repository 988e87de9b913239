"""Sign-in by SRP (COGNITO_SIGN_IN_FLOW=srp): the client maths checked against a server side
written here from the protocol, and the calls the gateway makes; the password is never sent."""

import base64
import hashlib
import hmac
import secrets
from datetime import UTC, datetime

import pytest
from botocore.stub import ANY

from auth_ui.cognito import srp

from .conftest import CLIENT_ID, POOL_ID
from .pages import EMAIL, PASSWORD, SIGN_IN_URL

pytestmark = pytest.mark.django_db


def H(*parts: bytes) -> int:
    return int.from_bytes(hashlib.sha256(b"".join(parts)).digest(), "big")


def pad(value: int) -> bytes:
    """Cognito's padding: big-endian, with a leading zero byte when the top bit is set."""
    raw = value.to_bytes((value.bit_length() + 7) // 8 or 1, "big")
    return b"\x00" + raw if raw[0] & 0x80 else raw


class Server:
    """Cognito's side of the exchange, for one user: the verifier, B, and the check."""

    def __init__(self, pool_id: str, user_id: str, password: str):
        self.pool_name, self.user_id = pool_id.split("_")[1], user_id
        self.salt = secrets.token_bytes(16)
        inner = hashlib.sha256(f"{self.pool_name}{user_id}:{password}".encode()).digest()
        self.x = H(pad(int.from_bytes(self.salt, "big")), inner)
        self.v = pow(srp.G, self.x, srp.N)
        self.b = secrets.randbelow(srp.N)
        self.big_b = (srp.K * self.v + pow(srp.G, self.b, srp.N)) % srp.N
        self.secret_block = base64.b64encode(secrets.token_bytes(48)).decode()

    def expected_signature(self, big_a: int, timestamp: str) -> str:
        u = H(pad(big_a), pad(self.big_b))
        shared = pow(big_a * pow(self.v, u, srp.N), self.b, srp.N)
        prk = hmac.new(pad(u), pad(shared), hashlib.sha256).digest()
        key = hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]
        message = (
            self.pool_name.encode()
            + self.user_id.encode()
            + base64.b64decode(self.secret_block)
            + timestamp.encode()
        )
        return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


@pytest.mark.parametrize("run", range(5))
def test_the_client_proves_the_password_as_the_server_checks_it(run):
    server = Server(POOL_ID, "7d1c0e6a-user", PASSWORD)
    client = srp.SrpClient.start()
    claim = client.password_claim(
        pool_id=POOL_ID,
        user_id="7d1c0e6a-user",
        password=PASSWORD,
        salt_hex=server.salt.hex(),
        srp_b_hex=format(server.big_b, "x"),
        secret_block=server.secret_block,
    )
    expected = server.expected_signature(int(client.srp_a, 16), claim["TIMESTAMP"])
    assert claim["PASSWORD_CLAIM_SIGNATURE"] == expected
    assert claim["PASSWORD_CLAIM_SECRET_BLOCK"] == server.secret_block


def test_a_wrong_password_gives_another_signature():
    server = Server(POOL_ID, "u", PASSWORD)
    client = srp.SrpClient.start()
    claim = client.password_claim(
        pool_id=POOL_ID,
        user_id="u",
        password=PASSWORD + "x",
        salt_hex=server.salt.hex(),
        srp_b_hex=format(server.big_b, "x"),
        secret_block=server.secret_block,
    )
    expected = server.expected_signature(int(client.srp_a, 16), claim["TIMESTAMP"])
    assert claim["PASSWORD_CLAIM_SIGNATURE"] != expected


def test_a_b_of_zero_is_refused():
    with pytest.raises(ValueError, match="SRP_B"):
        srp.SrpClient.start().password_claim(
            pool_id=POOL_ID,
            user_id="u",
            password="p",
            salt_hex="00",
            srp_b_hex=format(srp.N, "x"),
            secret_block="",
        )


def test_the_timestamp_is_cognitos():
    assert srp.cognito_timestamp(datetime(2026, 11, 6, 3, 4, 5, tzinfo=UTC)) == (
        "Fri Nov 6 03:04:05 UTC 2026"
    )


def test_sign_in_by_srp_never_sends_the_password(
    client, stubber, auth_result, settings, cognito_calls
):
    settings.COGNITO_SIGN_IN_FLOW = "srp"
    server = Server(POOL_ID, "7d1c0e6a-user", PASSWORD)
    stubber.add_response(
        "initiate_auth",
        {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "USER_ID_FOR_SRP": "7d1c0e6a-user",
                "USERNAME": "7d1c0e6a-user",
                "SALT": server.salt.hex(),
                "SRP_B": format(server.big_b, "x"),
                "SECRET_BLOCK": server.secret_block,
            },
        },
        {
            "ClientId": CLIENT_ID,
            "AuthFlow": "USER_SRP_AUTH",
            "AuthParameters": {"USERNAME": EMAIL, "SRP_A": ANY},
        },
    )
    stubber.add_response(
        "respond_to_auth_challenge",
        auth_result(email=EMAIL),
        {
            "ClientId": CLIENT_ID,
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeResponses": {
                "USERNAME": "7d1c0e6a-user",
                "TIMESTAMP": ANY,
                "PASSWORD_CLAIM_SECRET_BLOCK": server.secret_block,
                "PASSWORD_CLAIM_SIGNATURE": ANY,
            },
        },
    )
    response = client.post(SIGN_IN_URL, {"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in client.session
    (_, first), (_, second) = cognito_calls
    big_a = int(first["AuthParameters"]["SRP_A"], 16)
    answer = second["ChallengeResponses"]
    assert answer["PASSWORD_CLAIM_SIGNATURE"] == server.expected_signature(
        big_a, answer["TIMESTAMP"]
    )
    assert PASSWORD not in repr(cognito_calls)
