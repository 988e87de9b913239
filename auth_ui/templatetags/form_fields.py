"""`{% form_fields form %}`: crispy-tailwind's rendering of a form's fields, done once per
process for a form nobody has filled in yet.

Rendering the fields is about half the time of a sign-in page, and an empty form renders the
same for everyone who sees it in the same language. The key is everything the markup is made
from (the form's class, its fields' labels, help, widget attributes and initial values, the
layout, the language), so a different form can never be served another's markup. A filled-in
form (errors, values) is rendered each time.
"""

from typing import Any

from crispy_forms.utils import render_crispy_form
from django import template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MAX_FORMS = 256  # distinct empty forms kept; more (many prefilled emails) start over
_rendered: dict[tuple, SafeString] = {}


@register.simple_tag(takes_context=True)
def form_fields(context, form) -> SafeString:
    if form.is_bound:
        return render_crispy_form(form, context=context)
    key = fingerprint(form)
    html = _rendered.get(key)
    if html is None:
        if len(_rendered) >= MAX_FORMS:
            _rendered.clear()
        html = _rendered[key] = mark_safe(render_crispy_form(form))  # noqa: S308 (crispy's own)
    return html


def fingerprint(form) -> tuple:
    fields = tuple(
        (
            bound.name,
            bound.label,
            bound.help_text,
            bound.field.required,
            type(bound.field.widget).__name__,
            freeze(bound.build_widget_attrs(bound.field.widget.attrs)),
            freeze(getattr(bound.field.widget, "choices", None)),
            freeze(bound.value()),
            bound.auto_id,
        )
        for bound in form
    )
    helper = getattr(form, "helper", None)
    layout = layout_fingerprint(helper.layout) if helper is not None else None
    helper_attrs = (
        freeze({k: v for k, v in vars(helper).items() if k not in ("form", "layout")})
        if helper is not None
        else None
    )
    return (type(form), translation.get_language(), fields, layout, helper_attrs)


def layout_fingerprint(item: Any) -> Any:
    if isinstance(item, str):
        return item
    inner = tuple(layout_fingerprint(child) for child in getattr(item, "fields", ()))
    own = {k: v for k, v in vars(item).items() if k != "fields"}
    return (type(item).__name__, freeze(own), inner)


def freeze(value: Any) -> Any:
    """A hashable stand-in for attribute values (dicts, lists, lazy strings)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(freeze(v) for v in value)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)
