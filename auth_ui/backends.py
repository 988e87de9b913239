"""Turns a verified Cognito ID token into the local `User` that `request.user` names."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend
from django.db import IntegrityError, transaction

from .models import CognitoIdentity

User = get_user_model()


class CognitoBackend(BaseBackend):
    """Only ever given claims from `cognito.verify_id_token`; it never sees a password."""

    def authenticate(self, request, *, id_token_claims: dict[str, Any] | None = None, **kwargs):
        if not id_token_claims or not id_token_claims.get("sub"):
            return None
        sub = id_token_claims["sub"]
        email = id_token_claims.get("email", "")
        user = self._user_for(sub, email)
        if email and user.email != email:
            user.email = email
            user.save(update_fields=["email"])
        return user if self.user_can_authenticate(user) else None

    def _user_for(self, sub: str, email: str):
        """The user linked to `sub`, created on a first sign-in. Two first sign-ins at once both
        try to create it; the loser's insert fails on the unique `sub` and it reads the winner's."""
        user = self.linked_user(sub)
        if user is not None:
            return user
        try:
            with transaction.atomic():
                user = User(username=sub[:150], email=email)
                user.set_unusable_password()
                user.save()
                CognitoIdentity.objects.create(user=user, sub=sub)
                return user
        except IntegrityError:
            return CognitoIdentity.objects.select_related("user").get(sub=sub).user

    def linked_user(self, sub: str):
        identity = CognitoIdentity.objects.select_related("user").filter(sub=sub).first()
        return identity.user if identity is not None else None

    def user_can_authenticate(self, user) -> bool:
        return getattr(user, "is_active", True)

    def get_user(self, user_id):
        return User.objects.filter(pk=user_id, is_active=True).first()
