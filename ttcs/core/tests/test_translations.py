"""English catalogue: every Vietnamese string has an English translation, and English is served."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

LC_MESSAGES = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

needs_compiled_catalogue = pytest.mark.skipif(
    not MO_FILE.is_file(),
    reason="ttcs/locale/en/LC_MESSAGES/django.mo is missing: run `ttcs compilemessages`",
)

_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|%%")


def _unquote(parts: list[str]) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES[m.group(1)], "".join(parts))


def _po_entries(path: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstr forms, fuzzy) of every entry but the header; obsolete (#~) ones skipped."""
    entries: list[tuple[str, list[str], bool]] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current: list[str] | None = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                assert current is not None, f"continuation line without a keyword: {line!r}"
                current.append(line[1:-1])
            else:
                keyword, _, rest = line.partition(" ")
                current = fields.setdefault(keyword, [])
                current.append(rest.strip()[1:-1])
        if "msgid" not in fields:
            continue
        msgid = _unquote(fields["msgid"])
        if msgid == "":
            continue
        forms = [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")]
        entries.append((msgid, forms, fuzzy))
    return entries


def _catalogue_source() -> Path:
    if not PO_FILE.is_file():
        pytest.skip("ttcs/locale/en/LC_MESSAGES/django.po is missing: run `makemessages -l en`")
    return PO_FILE


def test_every_vietnamese_string_has_an_english_translation() -> None:
    entries = _po_entries(_catalogue_source())
    assert len(entries) > 100, "the English catalogue looks truncated"
    untranslated = [msgid for msgid, forms, _ in entries if not all(f.strip() for f in forms)]
    fuzzy = [msgid for msgid, _, is_fuzzy in entries if is_fuzzy]
    assert untranslated == [], f"{len(untranslated)} strings lack English: {untranslated[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy translations need checking: {fuzzy[:10]}"


def test_translations_keep_the_placeholders_of_the_source() -> None:
    broken = [
        (msgid, form)
        for msgid, forms, _ in _po_entries(_catalogue_source())
        for form in forms
        if form and sorted(_PLACEHOLDER.findall(form)) != sorted(_PLACEHOLDER.findall(msgid))
    ]
    assert broken == []


@needs_compiled_catalogue
def test_gettext_returns_english_when_english_is_active() -> None:
    with translation.override("en"):
        assert translation.gettext("Việc của tôi") == "My tasks"
        assert translation.gettext("Cơ quan chủ trì") == "Lead agency"
    with translation.override("vi"):
        assert translation.gettext("Việc của tôi") == "Việc của tôi"


@needs_compiled_catalogue
@pytest.mark.django_db
def test_login_page_is_english_for_an_english_browser(client: Client) -> None:
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Log in" in body
    assert "Password" in body
    assert "Đăng nhập" not in body
    assert "Mật khẩu" not in body


@needs_compiled_catalogue
@pytest.mark.django_db
def test_choosing_english_keeps_it_for_later_pages(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    body = client.get(reverse("login")).content.decode()
    assert "Log in" in body
    assert "Đăng nhập" not in body


@pytest.mark.django_db
def test_login_page_stays_vietnamese_by_default(client: Client) -> None:
    body = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in body


@needs_compiled_catalogue
def test_the_same_vietnamese_word_translates_by_its_context() -> None:
    from ttcs.plans.forms import ReviewDecisionForm
    from ttcs.plans.models import OccurrenceStatus

    with translation.override("en"):
        assert str(OccurrenceStatus.RETURNED.label) == "Returned"  # a status
        assert str(dict(ReviewDecisionForm().fields["decision"].choices)["return"]) == "Return"
    with translation.override("vi"):
        assert str(OccurrenceStatus.RETURNED.label) == "Trả lại"


def test_catalogue_holds_every_string_of_the_source(tmp_path: Path) -> None:
    """A new Vietnamese string in code or templates must reach the English catalogue: extract the
    strings of the source as it is now (into a scratch catalogue) and compare."""
    import os
    import shutil
    import subprocess
    import sys

    src = tmp_path / "src"
    out = tmp_path / "out" / "locale"
    (out / "en" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copytree(
        LC_MESSAGES.parents[2],
        src / "ttcs",
        ignore=shutil.ignore_patterns("static", "tests", "locale", "__pycache__"),
    )
    (src / "scratch_settings.py").write_text(
        f"from ttcs.settings import *  # noqa\nLOCALE_PATHS = [{str(out)!r}]\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "scratch_settings", "PYTHONPATH": str(src)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "en",
            "--no-location",
            "--ignore",
            "out/*",
        ],
        cwd=src,
        check=True,
        capture_output=True,
        env=env,
    )
    extracted = {msgid for msgid, _, _ in _po_entries(out / "en" / "LC_MESSAGES" / "django.po")}
    catalogued = {msgid for msgid, _, _ in _po_entries(PO_FILE)}
    assert len(extracted) > 100
    missing = sorted(extracted - catalogued)
    assert missing == [], f"{len(missing)} strings missing from the catalogue: {missing[:10]}"
