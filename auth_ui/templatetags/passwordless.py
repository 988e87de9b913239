"""`{% other_ways as ways %}`: the sign-in page's other ways in (an emailed or texted code, a
passkey) that the pool allows and this page can use."""

from django import template

from .. import flows

register = template.Library()


@register.simple_tag(takes_context=True)
def other_ways(context) -> tuple[str, ...]:
    request = context.get("request")
    return flows.passwordless.other_ways(request) if request is not None else ()
