"""What an ingest run tells the person who gave the files, and what it passes on to each file."""

from __future__ import annotations

from pathlib import Path

from knowledge.answer import Answer
from knowledge.engine import FileFailure, KnowledgeBase
from knowledge.index import KnowledgeIndex
from tests.knowledge.index_support import HashEmbedder

RULE = "Virksomheten skal svare på informasjonskrav innen tre uker. " * 12


def _kb(directory: Path) -> KnowledgeBase:
    return KnowledgeBase(KnowledgeIndex(directory, embedder=HashEmbedder()))


def test_each_bad_file_is_reported_by_path_and_reason_and_the_rest_go_in(tmp_path: Path) -> None:
    empty = tmp_path / "tom.txt"
    empty.write_text("   \n", encoding="utf-8")
    missing = tmp_path / "borte.txt"
    odd = tmp_path / "notat.xyz"
    odd.write_text("tekst", encoding="utf-8")
    good = tmp_path / "rutine.txt"
    good.write_text(RULE, encoding="utf-8")

    report = _kb(tmp_path / "data").ingest([empty, missing, odd, good])

    assert [failure.path for failure in report.failures] == [empty, missing, odd]
    assert report.failures[0] == FileFailure(empty, "the file is empty")
    assert report.failures[1] == FileFailure(missing, "no such file or folder")
    assert report.failures[2].reason.startswith("unsupported")
    assert report.result is not None and report.result.added == 1


def test_the_supplier_and_chunk_size_given_reach_every_file(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rutine.txt").write_text(RULE, encoding="utf-8")
    kb = _kb(tmp_path / "data")
    small = _kb(tmp_path / "small")

    kb.ingest([docs], supplier="Exso AS")
    small.ingest([docs], chunk_words=20)

    [info] = kb.documents()
    [info_small] = small.documents()
    assert info.supplier == "Exso AS"
    assert info_small.chunk_count > info.chunk_count


def test_seeding_passes_on_the_chunk_size_and_reports_progress(tmp_path: Path) -> None:
    done: list[int] = []
    seeded = _kb(tmp_path / "seeded")
    small = _kb(tmp_path / "small")

    seeded.seed_if_empty(progress=done.append)
    small.seed_if_empty(chunk_words=30)

    assert done and done == sorted(done)
    assert sum(i.chunk_count for i in small.documents()) > sum(
        i.chunk_count for i in seeded.documents()
    )


def test_open_keeps_the_composer_given(tmp_path: Path) -> None:
    class Fixed:
        def compose(self, question: str, passages: object, *, language: str) -> Answer:
            return Answer("fast svar", True, (), language)

    kb = KnowledgeBase.open(tmp_path / "data", embedder=HashEmbedder(), composer=Fixed())

    assert kb.composer.__class__ is Fixed


def test_forget_removes_the_document_named(tmp_path: Path) -> None:
    (tmp_path / "rutine.txt").write_text(RULE, encoding="utf-8")
    kb = _kb(tmp_path / "data")
    kb.ingest([tmp_path / "rutine.txt"])

    forgotten = kb.forget(str((tmp_path / "rutine.txt").resolve()))

    assert forgotten.title
    assert kb.documents() == []


def test_a_name_the_index_lacks_is_declined_in_the_language_of_the_question(
    tmp_path: Path,
) -> None:
    (tmp_path / "rutine.txt").write_text(RULE, encoding="utf-8")
    kb = _kb(tmp_path / "data")
    kb.ingest([tmp_path / "rutine.txt"])

    answer = kb.ask("Hvilken frist har Kobberfjell AS fått?")

    assert answer.found is False
    assert answer.language == "nb"
    assert answer.text.startswith("Kunnskapsbasen har ikke noe om «Kobberfjell AS».")
