from django.conf import settings
from django.db import models


class CognitoIdentity(models.Model):
    """Links a local user to the Cognito user whose ID token names this `sub`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cognito_identity"
    )
    sub = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    # "Sign out everywhere": every session of this person signed in before this time ends.
    signed_out_at = models.DateTimeField(null=True, blank=True)
    # The offer of a passkey after signing in is made once: answered (added one, or "Not now").
    passkey_offer_answered = models.BooleanField(default=False)

    class Meta:
        verbose_name = "Cognito identity"
        verbose_name_plural = "Cognito identities"

    def __str__(self) -> str:
        return f"{self.user} ↔ {self.sub}"
