"""One clean text form, whatever the file format produced."""

from __future__ import annotations

from ingestion import normalise_text


def test_decomposed_letters_become_composed() -> None:
    assert normalise_text("a\u030apenhetsloven") == "åpenhetsloven"


def test_windows_line_ends_and_odd_spaces_are_unified() -> None:
    raw = "Første\u00a0linje\r\nandre\tlinje  med   mellomrom\r\n"
    assert normalise_text(raw) == "Første linje\nandre linje med mellomrom"


def test_control_and_invisible_characters_are_removed() -> None:
    assert normalise_text("leveran\u00addør\x07 \u200bAS\ufeff") == "leverandør AS"


def test_paragraph_breaks_are_kept_and_extra_blank_lines_collapsed() -> None:
    assert normalise_text("Avsnitt en.\n\n\n\n  \nAvsnitt to.") == "Avsnitt en.\n\nAvsnitt to."


def test_pdf_words_hyphenated_over_a_line_end_are_joined() -> None:
    text = "Vi har mange leveran-\ndører i Asia."
    assert normalise_text(text, dehyphenate=True) == "Vi har mange leverandører i Asia."


def test_real_hyphens_and_conjunction_hyphens_are_kept() -> None:
    text = "Sør-\nAsia og olje-\nog gassindustrien"
    assert normalise_text(text, dehyphenate=True) == text


def test_hyphens_are_left_alone_outside_pdfs() -> None:
    assert normalise_text("leveran-\ndører") == "leveran-\ndører"
