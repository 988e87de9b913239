"""`python -m cognito_stub`: run the stub in the foreground until Ctrl-C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .first_factors import STUB_DEFAULT, parse_factors
from .ids import APP_CLIENT_ID, DEMO_EMAIL, DEMO_PASSWORD, REGION, SECRET_CLIENT_ID, USER_POOL_ID
from .pools import DEFAULT_RP_ID
from .server import StubServer

MFA_BANNER = {
    "off": "OFF",
    "optional": "OPTIONAL (authenticator app, SMS, email)",
    "on": "ON (authenticator app, SMS, email)",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m cognito_stub", description="Local Amazon Cognito user-pool stub."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9229)
    parser.add_argument(
        "--lockout-seconds", type=float, default=60.0, help="lockout after 5 wrong passwords"
    )
    parser.add_argument(
        "--signup-code-ttl", type=float, default=24 * 3600.0, help="sign-up code lifetime (s)"
    )
    parser.add_argument(
        "--reset-code-ttl", type=float, default=3600.0, help="password-reset code lifetime (s)"
    )
    parser.add_argument(
        "--client-secret",
        nargs="?",
        const=True,
        default=False,
        metavar="SECRET",
        help=f"also create client {SECRET_CLIENT_ID} with this secret (generated if omitted)",
    )
    parser.add_argument(
        "--mfa",
        choices=("off", "optional", "on"),
        default="off",
        help="the pool's MFA (optional/on: authenticator app, SMS and email all enabled)",
    )
    parser.add_argument(
        "--issuer",
        choices=("aws", "endpoint"),
        default="aws",
        help="tokens' iss: aws (https://cognito-idp.<region>.amazonaws.com/<pool>, the default) "
        "or endpoint (<this stub's URL>/<pool>, for clients that derive the JWKS from iss)",
    )
    parser.add_argument(
        "--cors-origins",
        default="*",
        metavar="ORIGINS",
        help="browser origins allowed to call the stub: * (default) or a comma-separated list",
    )
    parser.add_argument(
        "--first-factors",
        type=_factors,
        default=STUB_DEFAULT,
        metavar="FACTORS",
        help="the pool's AllowedFirstAuthFactors for USER_AUTH, comma-separated "
        f"(default {','.join(STUB_DEFAULT)})",
    )
    parser.add_argument(
        "--webauthn-rp-id",
        default=DEFAULT_RP_ID,
        metavar="HOST",
        help="passkeys' relying party id: origins https://HOST and its subdomains "
        f"(and http://localhost:<any port> for localhost; default {DEFAULT_RP_ID})",
    )
    parser.add_argument(
        "--webauthn-user-verification",
        choices=("preferred", "required"),
        default="preferred",
        help="passkeys' user verification (default preferred)",
    )
    return parser.parse_args(argv)


def _factors(value: str) -> tuple[str, ...]:
    try:
        return parse_factors(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stop = threading.Event()

    def request_stop(_signum: int, _frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    server = StubServer(
        args.host,
        args.port,
        lockout_seconds=args.lockout_seconds,
        signup_code_ttl=args.signup_code_ttl,
        reset_code_ttl=args.reset_code_ttl,
        client_secret=args.client_secret,
        mfa=args.mfa,
        issuer=args.issuer,
        cors_origins=args.cors_origins,
        first_factors=args.first_factors,
        webauthn_rp_id=args.webauthn_rp_id,
        webauthn_user_verification=args.webauthn_user_verification,
    )
    try:
        server.start()
    except OSError as exc:
        print(f"[cognito-stub] cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    lines = [
        f"[cognito-stub] listening on {server.url}",
        f"[cognito-stub] region         {REGION}",
        f"[cognito-stub] user pool id   {USER_POOL_ID}",
        f"[cognito-stub] app client id  {APP_CLIENT_ID}",
        f"[cognito-stub] demo user      {DEMO_EMAIL} / {DEMO_PASSWORD}",
        f"[cognito-stub] MFA            {MFA_BANNER[args.mfa]}",
        f"[cognito-stub] token issuer   {server.info()['issuer']}",
        f"[cognito-stub] CORS origins   {args.cors_origins}",
        f"[cognito-stub] first factors  {', '.join(args.first_factors)} (USER_AUTH)",
        f"[cognito-stub] passkeys       relying party {args.webauthn_rp_id}, "
        f"user verification {args.webauthn_user_verification}",
    ]
    secret = server.engine.state.client_secret
    if secret:
        lines.append(f"[cognito-stub] secret client  {SECRET_CLIENT_ID} / {secret}")
    lines.append(f"[cognito-stub] control API    {server.url}/_stub/ (Ctrl-C to stop)")
    print("\n".join(lines), flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
        print("[cognito-stub] stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
