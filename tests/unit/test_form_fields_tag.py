"""`{% form_fields %}` serves an empty form's markup from memory: the same markup crispy renders,
never another form's, and never for a filled-in form."""

import pytest
from django.template import Context, Template
from django.utils import translation

from auth_ui import forms as auth_forms
from auth_ui.templatetags import form_fields as tag

from .pages import every_form

CACHED = Template("{% load form_fields %}{% form_fields form %}")
CRISPY = Template("{% load crispy_forms_tags %}{% crispy form %}")

EMPTY_FORMS = every_form()


@pytest.fixture(autouse=True)
def empty_memory():
    tag._rendered.clear()
    yield
    tag._rendered.clear()


def render(template, form):
    return template.render(Context({"form": form}))


def make(cls, **kwargs):
    try:
        return cls(**kwargs)
    except TypeError:
        pytest.skip(f"{cls.__name__} needs arguments to be built")


@pytest.mark.parametrize("cls", EMPTY_FORMS, ids=lambda cls: cls.__name__)
def test_an_empty_form_renders_as_crispy_renders_it(cls):
    assert EMPTY_FORMS, "no forms found"
    expected = render(CRISPY, make(cls))
    assert render(CACHED, make(cls)) == expected
    assert render(CACHED, make(cls)) == expected  # from memory
    assert len(tag._rendered) == 1


def test_different_initial_values_are_different_markup():
    ada = render(CACHED, auth_forms.SignInForm(initial={"email": "ada@example.com"}))
    bob = render(CACHED, auth_forms.SignInForm(initial={"email": "bob@example.com"}))
    assert 'value="ada@example.com"' in ada and 'value="bob@example.com"' in bob
    assert len(tag._rendered) == 2


def test_each_language_has_its_own_markup():
    with translation.override("en"):
        render(CACHED, auth_forms.SignInForm())
    with translation.override("fr"):
        render(CACHED, auth_forms.SignInForm())
    assert len(tag._rendered) == 2


def test_a_filled_in_form_is_rendered_every_time():
    def filled():  # a new one each time: crispy adds its error classes to the widget it renders
        form = auth_forms.SignInForm(data={"email": "not-an-email", "password": ""})
        form.is_valid()
        return form

    assert render(CACHED, filled()) == render(CRISPY, filled())
    assert tag._rendered == {}


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(tag, "MAX_FORMS", 3)
    for n in range(7):
        render(CACHED, auth_forms.SignInForm(initial={"email": f"p{n}@example.com"}))
    assert len(tag._rendered) <= 3
