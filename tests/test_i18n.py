"""resdiff's own words in the documents' language: complete catalogs, a French report that
reads French from title to footer, French conventions, the structure for the other UN
languages (right to left for Arabic)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from render_samples import french_pair, sample_comparison

import diffing
from service import i18n
from service.reports import render_comparison

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "service" / "locales"
KEYWORDS = {
    "N_": None,
    "NN_": (1, 2),
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "_": None,
}


def _extracted() -> set[str]:
    """Every message of the code and templates, as ``make messages`` extracts them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog(lang: str):  # type: ignore[no-untyped-def]
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def test_the_template_is_up_to_date() -> None:
    with (LOCALES / "messages.pot").open("rb") as f:
        pot = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert _extracted() == pot, "run `make messages`"


@pytest.mark.parametrize("lang", [lang for lang in i18n.available() if lang != "en"])
def test_every_catalog_is_complete_and_well_formed(lang: str) -> None:
    catalog = _catalog(lang)
    with (LOCALES / "messages.pot").open("rb") as f:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    have = {}
    for m in catalog:
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and not m.fuzzy, f"{lang}: {key!r} is not translated"
        have[key] = strings
    assert wanted <= set(have), sorted(wanted - set(have))
    # the same placeholders on both sides (babel's checkers: python-format)
    errors = [(m.id, e) for m, e in catalog.check()]
    assert not errors, errors[:3]


def test_chrome_conventions() -> None:
    fr, en = i18n.Chrome.of("fr"), i18n.Chrome.of("en")
    assert (
        fr.date("2020-11-23") == "23 novembre 2020" and en.date("2020-11-23") == "23 November 2020"
    )
    assert fr.pid("PP3") == "al. 3" and fr.pid("II.OP4(b)") == "II, § 4 b)"
    assert fr.pid("ANNEX.OP2") == "annexe, § 2" and en.pid("OP4(b)") == "OP4(b)"
    assert i18n.Chrome.of("ar").lang == "en"  # no Arabic catalog yet: English words
    assert i18n.direction("ar") == "rtl" and i18n.direction("fr-CA") == "ltr"
    assert i18n.best_match([("de", 1.0), ("fr-CH", 0.8), ("en", 0.5)]) == "fr"


#: words of the report's chrome in French, one per part of the report
FRENCH_CHROME = [
    "Comparaison de deux versions",
    "Cote",
    "Adoptée le",
    "23 novembre 2020",
    "Modifications",
    "Dispositif",
    "Préambule",
    "Premiers mots",
    "plus fort",
    "Mises à jour courantes",
    "Légende",
    "Le texte de A/RES/77/20, avec les modifications",
    "§ 11 (supprimé)",
    "al. 21 (nouveau)",
    "Établi par resdiff le 1 décembre 2026.",
]


def _english_words() -> set[str]:
    """The English chrome that the French catalog translates differently, as words of five
    letters or more (placeholders left out)."""
    english, french = set(), set()
    for m in _catalog("fr"):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for text, words in ((" ".join(ids), english), (" ".join(strings), french)):
            text = re.sub(r"%\(\w+\)[sd]", " ", text).casefold()
            words.update(re.findall(r"[a-z]{5,}", text))
    return english - french


def _chrome_text(html: str) -> str:
    """The report's own words: everything but the documents' text, titles and opening
    words."""
    doc = lxml.html.fromstring(html)
    for cls in ("rd-body", "rd-notes", "rd-doc-title", "rd-cl-begins", "rd-running-title", "rd-vh"):
        for el in doc.xpath(f"//*[not(self::th)][contains(concat(' ', @class, ' '), ' {cls} ')]"):
            el.drop_tree()
    for el in doc.xpath("//style | //script | //*[contains(@class, 'rd-assembly')]"):
        el.drop_tree()
    return " ".join(doc.text_content().split())


def test_a_french_comparison_reads_french_from_title_to_footer() -> None:
    old, new = french_pair()
    c = diffing.compare(diffing.parse(old), diffing.parse(new))
    html = render_comparison(c, "html", date="2026-12-01").decode()
    doc = lxml.html.fromstring(html)
    assert doc.get("lang") == "fr" and doc.xpath("//title")[0].text.endswith(": modifications")
    chrome = _chrome_text(html)
    for words in FRENCH_CHROME:
        assert words in chrome, words
    verb = doc.xpath("//span[contains(@class, 'rd-verb')]")[0]
    assert verb.get("title") == "Encourage → Exhorte : plus fort, échelon 5 → échelon 7"
    english = {w for w in re.findall(r"[a-z]{5,}", chrome.casefold())} & _english_words()
    assert not english, english
    # the French text's own conventions: "a)" sub-paragraph labels
    assert [
        n.text_content()
        for n in doc.xpath("//p[contains(@class, 'rd-subparagraph')]/span[@class='rd-num']")
    ][:1] == ["a)"]
    text = render_comparison(c, "text").decode()
    assert text.startswith("ancien : A/RES/75/10  résolution  adoptée le 23 novembre 2020")
    assert "Encourage → Exhorte : plus fort, échelon 5 → échelon 7" in text
    assert not {w for w in re.findall(r"[a-z]{5,}", text.casefold())} & _english_words() - set(
        re.findall(r"[a-z]{5,}", (old + new).casefold())
    )


def test_french_word_and_pdf_chrome() -> None:
    import pypdf

    old, new = french_pair()
    c = diffing.compare(diffing.parse(old), diffing.parse(new))
    data = render_comparison(c, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        headers = " ".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/header"))
    assert "modifications suivies" in headers and "adoptée le 23 novembre 2020" in headers
    reader = pypdf.PdfReader(io.BytesIO(render_comparison(c, "pdf")))
    n = len(reader.pages)
    last = reader.pages[-1].extract_text()
    assert f"page {n} sur {n}" in last and "Établi par resdiff" in last


def test_report_language_can_be_asked_for() -> None:
    c = sample_comparison()
    assert "Modifications" in render_comparison(c, "text", language="fr").decode()
    old, new = french_pair()
    fr = diffing.compare(diffing.parse(old), diffing.parse(new))
    assert render_comparison(fr, "text", language="en").decode().startswith("old: A/RES/75/10")


def test_a_new_language_is_a_new_catalog_and_arabic_reads_right_to_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The structure for the other UN languages: an Arabic catalog alone makes the chrome
    Arabic, laid out right to left."""
    import shutil

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    shutil.copytree(LOCALES, tmp_path / "locales")
    catalog = Catalog(locale="ar")
    catalog.add("Changes", "\u0627\u0644\u062a\u063a\u064a\u064a\u0631\u0627\u062a")
    (tmp_path / "locales" / "ar" / "LC_MESSAGES").mkdir(parents=True)
    with (tmp_path / "locales" / "ar" / "LC_MESSAGES" / "messages.po").open("wb") as f:
        write_po(f, catalog)
    caches = (i18n.available, i18n.translations, i18n._chrome)
    monkeypatch.setattr(i18n, "LOCALES", tmp_path / "locales")
    for cache in caches:
        cache.cache_clear()
    try:
        assert "ar" in i18n.available()
        html = render_comparison(sample_comparison(language="ar"), "html").decode()
        doc = lxml.html.fromstring(html)
        assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
        report = doc.xpath("//div[contains(@class, 'rd-report')]")[0]
        assert report.get("dir") == "rtl"
        assert "\u0627\u0644\u062a\u063a\u064a\u064a\u0631\u0627\u062a" in html
    finally:
        monkeypatch.undo()
        for cache in caches:
            cache.cache_clear()
