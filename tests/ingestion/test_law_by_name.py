"""A file that is a law only by its name is cut like any other document, not by §.

"exso_apenhetsloven.txt" is a company's account under the Act: its name makes its kind
`law`, but it has no § sections, and cutting it as a statute doubles its passages' size
(the shared evaluation's recall dropped when it was).
"""

from __future__ import annotations

from pathlib import Path

from ingestion import read_document

TEXT = "\n\n".join(
    f"Exso har kartlagt leverandør nummer {n}. Kartleggingen viste lav risiko for brudd på "
    f"menneskerettigheter, og leverandøren svarte på egenvurderingen innen fristen."
    for n in range(12)
)


def test_report_named_after_the_act_is_chunked_like_a_report(tmp_path: Path) -> None:
    (tmp_path / "exso_apenhetsloven.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "exso_rapport.txt").write_text(TEXT, encoding="utf-8")

    named_law = read_document(tmp_path / "exso_apenhetsloven.txt", max_bytes=10**6)
    report = read_document(tmp_path / "exso_rapport.txt", max_bytes=10**6)

    assert named_law is not None and report is not None
    assert named_law.kind == "law"
    assert [c.text for c in named_law.chunks] == [c.text for c in report.chunks]
    assert len(named_law.chunks) > 1
