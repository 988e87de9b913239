""" "Sign out everywhere" marks: read from the shared cache on every signed-in request, kept in
the database behind it so a cache that lost them (Redis restarted) brings no session back."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from auth_ui import signed_out
from auth_ui.models import CognitoIdentity

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    user = get_user_model().objects.create(username="ada")
    CognitoIdentity.objects.create(user=user, sub="sub-ada")
    return user


def test_a_person_never_signed_out_everywhere_has_no_mark(person):
    assert signed_out.last_mark(person.pk) == signed_out.NO_MARK


def test_the_mark_is_read_from_the_cache_without_the_database(person, django_assert_num_queries):
    signed_out.mark(person.pk)
    with django_assert_num_queries(0):
        first = signed_out.last_mark(person.pk)
        assert signed_out.last_mark(person.pk) == first > signed_out.NO_MARK


def test_a_cache_that_lost_the_mark_reads_it_again_from_the_database(
    person, django_assert_num_queries
):
    signed_out.mark(person.pk)
    marked = signed_out.last_mark(person.pk)
    cache.clear()  # Redis restarted
    with django_assert_num_queries(1):
        assert signed_out.last_mark(person.pk) == marked
    with django_assert_num_queries(0):  # and it is cached again
        assert signed_out.last_mark(person.pk) == marked


def test_no_mark_is_cached_too(person, django_assert_num_queries):
    signed_out.last_mark(person.pk)
    with django_assert_num_queries(0):
        assert signed_out.last_mark(person.pk) == signed_out.NO_MARK
