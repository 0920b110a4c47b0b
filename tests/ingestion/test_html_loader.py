"""HTML pages: navigation and scripts are dropped, h1–h3 become sections."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_document

LIMIT = 1024 * 1024
PAGE = """<!doctype html>
<html><head><title>Åpenhetsloven – veiledning</title><script>var tracking = 1;</script>
<style>p { color: red }</style></head>
<body><nav>Hjem Om oss Kontakt</nav>
<h1>Åpenhetsloven</h1><p>Loven gjelder <a href="/lov">større virksomheter</a> i Norge.</p>
<h2>Informasjonskrav</h2><p>Alle kan be om informasjon. Svar gis innen tre uker.</p>
<ul><li>Skriftlig svar</li><li>Begrunnelse ved avslag</li></ul>
</body></html>
"""


def _page(tmp_path: Path, html: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / "veiledning.html"
    path.write_bytes(html.encode(encoding))
    return path


def test_html_title_comes_from_title_tag(tmp_path: Path) -> None:
    document = read_document(_page(tmp_path, PAGE), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Åpenhetsloven – veiledning"


def test_html_scripts_styles_and_navigation_are_not_indexed(tmp_path: Path) -> None:
    document = read_document(_page(tmp_path, PAGE), max_bytes=LIMIT)
    assert document is not None
    text = " ".join(chunk.text for chunk in document.chunks)
    assert "tracking" not in text
    assert "color" not in text
    assert "Kontakt" not in text


def test_html_headings_become_sections_and_links_stay_in_sentences(tmp_path: Path) -> None:
    document = read_document(_page(tmp_path, PAGE), max_bytes=LIMIT)
    assert document is not None
    assert [section.heading for section in document.sections] == [
        "Åpenhetsloven",
        "Informasjonskrav",
    ]
    assert document.sections[0].text == "Loven gjelder større virksomheter i Norge."
    assert "- Skriftlig svar\n- Begrunnelse ved avslag" in document.sections[1].text


def test_html_in_windows_1252_keeps_norwegian_letters(tmp_path: Path) -> None:
    html = PAGE.replace("–", "-").replace("<html>", '<html><meta charset="windows-1252">')
    document = read_document(_page(tmp_path, html, encoding="cp1252"), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Åpenhetsloven - veiledning"


def test_html_title_falls_back_to_first_h1(tmp_path: Path) -> None:
    html = PAGE.replace("<title>Åpenhetsloven – veiledning</title>", "")
    document = read_document(_page(tmp_path, html), max_bytes=LIMIT)
    assert document is not None
    assert document.title == "Åpenhetsloven"
