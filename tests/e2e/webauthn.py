"""Chromium's virtual authenticator (the DevTools WebAuthn domain): passkeys in a browser test,
with no person, device or security key. Platform-style: internal transport, resident keys, user
verification that always succeeds, presence confirmed without a touch."""

from dataclasses import dataclass

from playwright.sync_api import CDPSession, Page


@dataclass
class VirtualAuthenticator:
    cdp: CDPSession
    authenticator_id: str

    def credentials(self) -> list[dict]:
        """The passkeys it holds (id, rpId, signCount …), as DevTools reports them."""
        answer = self.cdp.send(
            "WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id}
        )
        return answer["credentials"]

    def clear(self) -> None:
        """Forget every passkey it holds (as a reset device would)."""
        self.cdp.send("WebAuthn.clearCredentials", {"authenticatorId": self.authenticator_id})

    def remove(self) -> None:
        self.cdp.send(
            "WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.authenticator_id}
        )


def add_virtual_authenticator(page: Page) -> VirtualAuthenticator:
    """Give `page`'s browser a passkey authenticator (ctap2, internal, resident key, UV)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    answer = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return VirtualAuthenticator(cdp, answer["authenticatorId"])
