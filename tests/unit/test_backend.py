"""The backend turns verified ID-token claims into a local user keyed by the Cognito `sub`."""

import pytest
from django.contrib.auth import authenticate, get_user_model

from auth_ui.backends import CognitoBackend
from auth_ui.models import CognitoIdentity

pytestmark = pytest.mark.django_db

SUB = "3f1c2b7e-0000-4000-8000-000000000003"


def claims(**overrides):
    return {"sub": SUB, "email": "ada@example.com", "token_use": "id", **overrides}


def test_first_sign_in_creates_a_user_linked_to_the_sub(rf):
    user = CognitoBackend().authenticate(rf.get("/"), id_token_claims=claims())
    assert user is not None
    assert user.pk is not None
    assert user.email == "ada@example.com"
    assert user.username == SUB
    assert not user.has_usable_password()
    assert CognitoIdentity.objects.get(sub=SUB).user == user


def test_a_later_sign_in_finds_the_same_user_and_syncs_the_email(rf):
    backend = CognitoBackend()
    first = backend.authenticate(rf.get("/"), id_token_claims=claims())
    again = backend.authenticate(rf.get("/"), id_token_claims=claims(email="ada@new.example"))
    assert again.pk == first.pk
    assert get_user_model().objects.count() == 1
    first.refresh_from_db()
    assert first.email == "ada@new.example"


def test_a_missing_email_claim_does_not_wipe_the_stored_one(rf):
    backend = CognitoBackend()
    user = backend.authenticate(rf.get("/"), id_token_claims=claims())
    backend.authenticate(rf.get("/"), id_token_claims=claims(email=""))
    user.refresh_from_db()
    assert user.email == "ada@example.com"


def test_the_link_is_the_sub_not_the_email(rf):
    backend = CognitoBackend()
    first = backend.authenticate(rf.get("/"), id_token_claims=claims())
    other = backend.authenticate(
        rf.get("/"), id_token_claims=claims(sub="another-sub", email="ada@example.com")
    )
    assert other.pk != first.pk
    assert CognitoIdentity.objects.count() == 2


@pytest.mark.parametrize("given", [None, {}, {"email": "ada@example.com"}, {"sub": ""}])
def test_claims_without_a_sub_authenticate_nobody(rf, given):
    assert CognitoBackend().authenticate(rf.get("/"), id_token_claims=given) is None
    assert not get_user_model().objects.exists()


def test_it_never_accepts_a_username_and_password(rf):
    get_user_model().objects.create_user(username="ada", password="Unique-Pa55word-🦄")
    assert authenticate(rf.get("/"), username="ada", password="Unique-Pa55word-🦄") is None


def test_an_inactive_user_is_refused(rf):
    backend = CognitoBackend()
    user = backend.authenticate(rf.get("/"), id_token_claims=claims())
    user.is_active = False
    user.save()
    assert backend.authenticate(rf.get("/"), id_token_claims=claims()) is None
    assert backend.get_user(user.pk) is None


def test_get_user_returns_active_users(rf):
    backend = CognitoBackend()
    user = backend.authenticate(rf.get("/"), id_token_claims=claims())
    assert backend.get_user(user.pk) == user
    assert backend.get_user(user.pk + 1000) is None


def test_authenticate_through_django_uses_the_backend(rf):
    user = authenticate(rf.get("/"), id_token_claims=claims())
    assert user is not None
    assert user.backend == "auth_ui.backends.CognitoBackend"
