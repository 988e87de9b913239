"""Hashable descriptions of what a page is made from, for the two places that keep rendered
markup in memory: `{% form_fields %}` (an empty form's fields) and `empty_pages` (an empty
step's whole page). Two things with the same fingerprint render the same markup."""

from dataclasses import fields, is_dataclass
from typing import Any

from django import forms
from django.utils import translation
from django.utils.functional import Promise


class Unknown(Exception):
    """A value whose markup its fingerprint can't vouch for: render it every time."""


def form_fingerprint(form: forms.BaseForm) -> tuple:
    """Everything an empty form's markup is made from: its class, its fields' labels, help,
    widget attributes and initial values, the crispy helper and its layout, the language."""
    bound_fields = tuple(
        (
            bound.name,
            bound.label,
            bound.help_text,
            bound.field.required,
            type(bound.field.widget).__name__,
            loose(bound.build_widget_attrs(bound.field.widget.attrs)),
            loose(getattr(bound.field.widget, "choices", None)),
            loose(bound.value()),
            bound.auto_id,
        )
        for bound in form
    )
    helper = getattr(form, "helper", None)
    layout = layout_fingerprint(helper.layout) if helper is not None else None
    helper_attrs = (
        loose({k: v for k, v in vars(helper).items() if k not in ("form", "layout")})
        if helper is not None
        else None
    )
    return (type(form), translation.get_language(), bound_fields, layout, helper_attrs)


def layout_fingerprint(item: Any) -> Any:
    if isinstance(item, str):
        return item
    inner = tuple(layout_fingerprint(child) for child in getattr(item, "fields", ()))
    own = {k: v for k, v in vars(item).items() if k != "fields"}
    return (type(item).__name__, loose(own), inner)


def loose(value: Any) -> Any:
    """A hashable stand-in for attribute values (dicts, lists, lazy strings), any other object
    standing in as its text (crispy's layout objects and widget attributes are plain data)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), loose(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(loose(v) for v in value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def strict(value: Any) -> Any:
    """A hashable stand-in for a page's context value, or Unknown: plain data (text, numbers,
    lazy translations, lists, dicts, dataclasses of those) and empty forms only. An object
    that isn't plain data may render from state its text doesn't show."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), strict(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(strict(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value), tuple(strict(getattr(value, f.name)) for f in fields(value)))
    if isinstance(value, forms.BaseForm) and not value.is_bound:
        return form_fingerprint(value)
    raise Unknown(type(value).__name__)
