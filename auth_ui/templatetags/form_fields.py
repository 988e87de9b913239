"""`{% form_fields form %}`: crispy-tailwind's rendering of a form's fields, done once per
process for a form nobody has filled in yet.

Rendering the fields was about half the time of a sign-in page, and an empty form renders the
same for everyone who sees it in the same language. (Most empty pages are now kept whole, see
auth_ui/empty_pages.py; this serves the ones that aren't: a signed-in person's, one with a
notice.) The key is everything the markup is made
from (the form's class, its fields' labels, help, widget attributes and initial values, the
layout, the language), so a different form can never be served another's markup. A filled-in
form (errors, values) is rendered each time.
"""

from crispy_forms.utils import render_crispy_form
from django import template
from django.utils.safestring import SafeString, mark_safe

from ..fingerprints import form_fingerprint

register = template.Library()

MAX_FORMS = 256  # distinct empty forms kept; more (many prefilled emails) start over
_rendered: dict[tuple, SafeString] = {}


@register.simple_tag(takes_context=True)
def form_fields(context, form) -> SafeString:
    if form.is_bound:
        return render_crispy_form(form, context=context)
    key = form_fingerprint(form)
    html = _rendered.get(key)
    if html is None:
        if len(_rendered) >= MAX_FORMS:
            _rendered.clear()
        html = _rendered[key] = mark_safe(render_crispy_form(form))  # noqa: S308 (crispy's own)
    return html
