"""The UI is Dutch: every message of the app has a Dutch translation, and the committed .mo matches the .po."""

from pathlib import Path

import polib
from django.utils import translation

LOCALE = Path(__file__).resolve().parent.parent / "src" / "aanjager" / "locale" / "nl" / "LC_MESSAGES"


def test_every_message_is_translated():
    po = polib.pofile(str(LOCALE / "django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries()


def test_compiled_catalogue_matches_the_source():
    po = {
        (e.msgid, e.msgstr or str(e.msgstr_plural))
        for e in polib.pofile(str(LOCALE / "django.po"))
        if e.msgid
    }
    mo = {
        (e.msgid, e.msgstr or str(e.msgstr_plural))
        for e in polib.mofile(str(LOCALE / "django.mo"))
        if e.msgid
    }
    assert po == mo, (
        "django.mo is stale: run `cd src/aanjager && ../../.venv/bin/aanjager compilemessages -l nl`"
    )


def test_pages_speak_dutch(client, db):
    with translation.override("nl"):
        html = client.get("/inloggen/").content.decode()
    assert 'lang="nl"' in html
    assert "Inloggen" in html and "Direct naar de inhoud" in html


def test_dutch_even_when_the_browser_asks_for_english_until_the_user_switches(client, db):
    html = client.get("/inloggen/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in html and "Inloggen" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/inloggen/"})
    assert response.status_code == 302
    html = client.get("/inloggen/").content.decode()
    assert 'lang="en"' in html and "Sign in" in html


def test_no_user_text_points_to_internal_documents():
    # Users do not have domain.md: the texts they see name the real sources (estimates/sources.py).
    from aanjager.locations.norm_presets import PRESETS

    texts = [e.msgid + e.msgstr for e in polib.pofile(str(LOCALE / "django.po"))]
    texts += [p.read_text() for p in (LOCALE.parents[2]).rglob("templates/**/*.html")]
    texts += [str(rule.source) for norm_set in PRESETS.values() for rule in norm_set.rules]
    texts += [str(norm_set.source) for norm_set in PRESETS.values()]
    assert not [t for t in texts if "domain.md" in t]


def test_parameter_sources_are_shown_in_dutch(client, db):
    from aanjager.estimates.sources import PARAMETER_SOURCES

    with translation.override("nl"):
        assert str(PARAMETER_SOURCES["registration_rate"]).startswith("landelijk ongeveer 19%")
        assert str(PARAMETER_SOURCES["rni_assignment"]).startswith("een aanname")
