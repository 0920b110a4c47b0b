"""What an HTML page gives the index: its title, its headings, tables and line breaks."""

from __future__ import annotations

from pathlib import Path

from ingestion import read_document

LIMIT = 1024 * 1024


def _sections(tmp_path: Path, body: str) -> list[tuple[str | None, str]]:
    path = tmp_path / "side.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    return [(section.heading, section.text) for section in document.sections]


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def _title(tmp_path: Path, html: str) -> str:
    path = tmp_path / "side.html"
    path.write_text(html, encoding="utf-8")
    document = read_document(path, max_bytes=LIMIT)
    assert document is not None
    return document.title


def test_table_rows_become_lines_of_cells_joined_by_bars(tmp_path: Path) -> None:
    body = (
        "<h2>Leverandører</h2><table>"
        "<tr><th>Navn</th><th>Land</th></tr>"
        "<tr><td>Nordvev AS</td><td>Norge</td></tr></table>"
    )

    [(heading, text)] = _sections(tmp_path, body)

    assert heading == "Leverandører"
    assert _lines(text) == ["Navn | Land", "Nordvev AS | Norge"]


def test_line_breaks_and_blocks_start_new_lines(tmp_path: Path) -> None:
    body = "<h2>Kontakt</h2><p>Nordvev AS<br>Storgata 1</p><div>Oslo</div><div>Norge</div>"

    [(heading, text)] = _sections(tmp_path, body)

    assert heading == "Kontakt"
    assert text.startswith("Nordvev AS\nStorgata 1\n")
    assert _lines(text) == ["Nordvev AS", "Storgata 1", "Oslo", "Norge"]


def test_heading_with_inline_markup_keeps_the_spaces_between_its_words(tmp_path: Path) -> None:
    body = "<h2>Rett til<em>informasjon</em></h2><p>Alle kan spørre.</p>"

    assert _sections(tmp_path, body) == [("Rett til informasjon", "Alle kan spørre.")]


def test_text_before_the_first_heading_has_no_heading(tmp_path: Path) -> None:
    body = "<p>Innledning uten overskrift.</p><h2>Plikt</h2><p>Virksomheten skal svare.</p>"

    assert _sections(tmp_path, body) == [
        (None, "Innledning uten overskrift."),
        ("Plikt", "Virksomheten skal svare."),
    ]


def test_comments_are_not_page_text(tmp_path: Path) -> None:
    body = "<h2>Plikt</h2><p>Virksomheten <!-- intern merknad --> skal svare.</p>"

    assert _sections(tmp_path, body) == [("Plikt", "Virksomheten skal svare.")]


def test_without_a_title_tag_the_first_h1_names_the_page_even_when_its_section_is_empty(
    tmp_path: Path,
) -> None:
    html = "<html><body><h1>Åpenhets<b>loven</b> i praksis</h1><h2>Plikt</h2><p>Tekst.</p></body>"

    assert _title(tmp_path, html) == "Åpenhets loven i praksis"


def test_a_page_without_title_or_h1_is_named_after_its_first_heading(tmp_path: Path) -> None:
    html = "<html><body><h2>Plikt</h2><p>Tekst.</p></body></html>"

    assert _title(tmp_path, html) == "Plikt"


def test_a_title_written_over_several_lines_is_one_line(tmp_path: Path) -> None:
    html = "<html><head><title>Rutine for\n    informasjonskrav</title></head><body>x</body></html>"
    assert _title(tmp_path, html) == "Rutine for informasjonskrav"
    no_title = "<html><body><h1>Leverandør-\n  revisjon\t2026</h1><p>x</p></body></html>"
    assert _title(tmp_path, no_title) == "Leverandør- revisjon 2026"
