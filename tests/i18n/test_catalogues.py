"""The gettext catalogues are complete, current and compiled, for every catalogue on disk.

Parametrised over the ``.po`` files found in the package, so a new domain is checked the moment
its catalogue exists: no untranslated or fuzzy entry; extracting the message ids from the
source (in-process, with the domain's ``babel-<domain>.cfg``) finds nothing the catalogue lacks;
the committed ``.mo`` is byte for byte a fresh compile of the ``.po``; plural rules. Our domains
have Dutch ids and an English catalogue; ``click`` has click's English ids and a Dutch one,
extracted from the installed click.
"""

from __future__ import annotations

import io
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from regiokompas.i18n import LOCALE_DIR, domains, translations

PACKAGE = LOCALE_DIR.parent.parent  # src/regiokompas
CATALOGUES = LOCALE_DIR / "en" / "LC_MESSAGES"
DOMAINS = domains()
#: (language, domain) of every catalogue in the package.
ALL = sorted((p.parent.parent.name, p.stem) for p in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def _po(domain: str, language: str = "en") -> Catalog:
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po").open("rb") as handle:
        return read_po(handle)


def _extracted(domain: str) -> dict[tuple[str, str | None], tuple[str, int]]:
    """(Message id, context) -> (first file, line) for everything the source marks in
    ``domain`` (the context of a ``cli_ptext`` call; None for an ordinary message)."""
    cfg = PACKAGE / "i18n" / f"babel-{domain}.cfg"
    with cfg.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    root = Path(click.__file__).parent if domain == "click" else PACKAGE
    found: dict[tuple[str, str | None], tuple[str, int]] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        root, method_map, options_map
    ):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((msgid, context), (filename, lineno))
    return found


def test_the_four_contract_domains_exist() -> None:
    assert {"regiokompas", "cli", "web", "hoofdstuk"} <= set(DOMAINS)
    for domain in DOMAINS:
        assert (PACKAGE / "i18n" / f"babel-{domain}.cfg").is_file(), domain


def test_the_click_catalogue_is_dutch() -> None:
    assert ("nl", "click") in ALL


@pytest.mark.parametrize(("language", "domain"), ALL)
def test_no_untranslated_or_fuzzy_entry(language: str, domain: str) -> None:
    catalog = _po(domain, language)
    assert not catalog.fuzzy, f"{domain}.po: the header is marked fuzzy"
    untranslated = [
        m.id
        for m in catalog
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not untranslated, f"{domain}.po: untranslated {untranslated[:10]}"
    assert not fuzzy, f"{domain}.po: fuzzy {fuzzy[:10]}"


@pytest.mark.parametrize(("language", "domain"), ALL)
def test_extraction_finds_no_message_missing_from_the_catalogue(language: str, domain: str) -> None:
    catalog = _po(domain, language)
    missing = {
        key: where
        for key, where in _extracted(domain).items()
        if catalog.get(key[0], context=key[1]) is None
    }
    assert not missing, f"run `make catalogi` and translate; {domain} lacks {missing}"


@pytest.mark.parametrize(("language", "domain"), ALL)
def test_committed_mo_is_a_fresh_compile_of_the_po(language: str, domain: str) -> None:
    fresh = io.BytesIO()
    write_mo(fresh, _po(domain, language))
    committed = (LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.mo").read_bytes()
    assert committed == fresh.getvalue(), f"{domain}.mo is stale: run `make catalogi`"


@pytest.mark.parametrize(("language", "domain"), ALL)
def test_plural_forms(language: str, domain: str) -> None:
    # Dutch and English share the rule: singular for exactly one.
    catalog = _po(domain, language)
    assert catalog.locale is not None and str(catalog.locale) == language
    assert catalog.num_plurals == 2
    assert catalog.plural_expr.replace(" ", "").strip("()") == "n!=1"
    if language == "en":
        english = translations("en", domain)
        assert english.ngettext("{n} gemeente", "{n} gemeenten", 1) == "{n} gemeente"
        assert english.ngettext("{n} gemeente", "{n} gemeenten", 3) == "{n} gemeenten"


def test_catalogues_are_found_from_the_package() -> None:
    # Run-time lookup goes through LOCALE_DIR inside the package, never the working folder.
    assert Path(LOCALE_DIR).is_relative_to(PACKAGE)
    assert translations("en", "cli") is translations("en", "cli")  # cached


def test_extraction_sees_a_marked_string(tmp_path: Path) -> None:
    # The extraction check above could pass vacuously if extraction found nothing at all;
    # prove it finds a marked string in a file laid out like the package.
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "x.py").write_text(
        'from regiokompas.i18n import gettext, N_\nA = N_("Eerste")\nB = gettext("Tweede")\n',
        encoding="utf-8",
    )
    cfg = (PACKAGE / "i18n" / "babel-cli.cfg").read_text(encoding="utf-8")
    method_map, options_map = parse_mapping_cfg(io.StringIO(cfg))
    ids = {m[2] for m in extract_from_dir(tmp_path, method_map, options_map)}
    assert ids == {"Eerste", "Tweede"}
