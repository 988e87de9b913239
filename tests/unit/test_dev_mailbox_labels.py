"""The dev mailbox names what every code the stub records is for, in plain words."""

from auth_ui.views.pages import PURPOSE_LABELS
from cognito_stub import codes

PURPOSES = {
    value
    for name, value in vars(codes).items()
    if name.isupper() and isinstance(value, str) and name != "FAMILY"
}


def test_every_purpose_the_stub_records_has_words():
    assert {"sign_up", "sign_in_email", "sign_in_sms"} <= PURPOSES, "purposes not found"
    assert not PURPOSES - set(PURPOSE_LABELS), "purposes shown as their raw names"
