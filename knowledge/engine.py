"""The knowledge base as the rest of aktsom sees it: ingest files, answer questions.

Usage::

    kb = KnowledgeBase.open(Path("data/knowledge"), embedder="e5")
    report = kb.ingest([Path("docs/")], max_bytes=25 * 2**20)
    answer = kb.ask("Hva er fristen for å svare på et informasjonskrav?")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ingestion import IngestionError, find_files, read_document
from ingestion.chunking import DEFAULT_TARGET_WORDS
from ingestion.document import Document, Kind
from ingestion.language import detect_question_language
from knowledge import messages
from knowledge.answer import Answer, Composer
from knowledge.composer import ExtractiveComposer
from knowledge.embeddings import E5_SPEC, Embedder, make_embedder
from knowledge.glossary import Glossary
from knowledge.index import DocumentInfo, Filters, IngestResult, KnowledgeIndex
from knowledge.names import Lexicon, Name, find_names, words_in
from knowledge.retriever import Retrieval, Retriever

# The Act is named as a file: its folder also holds SOURCES.md, provenance that answers nothing.
BUNDLED_DIRS = (
    Path(__file__).with_name("guide"),
    Path(__file__).with_name("law") / "apenhetsloven.md",
    Path(__file__).with_name("sample"),
)
DEFAULT_MAX_BYTES = 25 * 2**20
DEFAULT_CHUNK_WORDS = DEFAULT_TARGET_WORDS
DEFAULT_TOP_K = 5


@dataclass(frozen=True, slots=True)
class RelevanceGate:
    """Decides whether the best retrieved passage is relevant enough to quote at all.

    Evidence is how far the best dense cosine (and, where the embedder has one, the best sparse
    latent-term score) lies above what unrelated text scores, in units of its spread; the
    answer is given when the evidence reaches `threshold`. e5 cosines crowd into 0.75–0.95,
    so neither signal alone separates on-topic from off-topic questions as well as both.

    A name from the question (see `knowledge.names`: never a common word such as FROM)
    found verbatim in the best passage is strong evidence on its own: short questions about a
    supplier or a product embed weakly but match exactly.
    """

    dense_floor: float
    dense_scale: float
    sparse_floor: float = 0.0
    sparse_scale: float = 1.0
    threshold: float = 0.0
    name_bonus: float = 2.0

    def admits(self, retrieval: Retrieval, *, names: Sequence[Name] = ()) -> bool:
        """True when the retrieval is relevant enough to answer a question naming `names`."""
        return bool(retrieval.passages) and self.evidence(retrieval, names=names) >= self.threshold

    def evidence(self, retrieval: Retrieval, *, names: Sequence[Name] = ()) -> float:
        """How far the retrieval lies above unrelated text, before the threshold is applied."""
        evidence = (retrieval.best_dense - self.dense_floor) / self.dense_scale
        if retrieval.best_sparse is not None:
            evidence += (retrieval.best_sparse - self.sparse_floor) / self.sparse_scale
        named = {word for name in names for word in name.words}
        if retrieval.passages and named & words_in(retrieval.passages[0].text):
            evidence += self.name_bonus
        return evidence


# Calibrated with the bundled guide and samples on ten on-topic and ten off-topic questions of
# our own (pizza, weather, laptops, ...): on-topic evidence >= 2.3, off-topic <= 0.8. Checked
# since against bench/abstain_questions.tsv (30 wrong-name and off-topic questions, half
# Norwegian): names the index does not hold are declined before the gate, and of the rest
# only two single unknown words pass it.
E5_GATE = RelevanceGate(
    dense_floor=0.80, dense_scale=0.05, sparse_floor=14.0, sparse_scale=5.0, threshold=1.5
)
# Other sentence-transformers models: cosine of loosely related text for typical models.
DEFAULT_GATE = RelevanceGate(dense_floor=0.30, dense_scale=0.10)


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file that did not go in, and why, in words for the person who gave it.

    The reason does not repeat the file's name: every surface shows it beside `path`.
    """

    path: Path
    reason: str


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did."""

    result: IngestResult | None = None
    failures: list[FileFailure] = field(default_factory=list)
    files: int = 0
    skipped: int = 0


class KnowledgeBase:
    """Index, retriever and composer wired together."""

    def __init__(
        self,
        index: KnowledgeIndex,
        *,
        composer: Composer | None = None,
        glossary: Glossary | None = None,
        top_k: int = DEFAULT_TOP_K,
        gate: RelevanceGate | None = None,
    ) -> None:
        self.index = index
        self.glossary = glossary or Glossary.bundled()
        self.retriever = Retriever(index, glossary=self.glossary)
        self.composer = composer or ExtractiveComposer(
            glossary=self.glossary, embedder=index.embedder
        )
        self.top_k = top_k
        self.gate = gate or (E5_GATE if index.embedder.name == E5_SPEC else DEFAULT_GATE)

    @classmethod
    def open(
        cls,
        directory: Path,
        *,
        embedder: str | Embedder = "e5",
        chroma_url: str | None = None,
        composer: Composer | None = None,
        top_k: int = DEFAULT_TOP_K,
    ) -> KnowledgeBase:
        """Open (or create) the knowledge base stored in `directory`."""
        model = make_embedder(embedder) if isinstance(embedder, str) else embedder
        index = KnowledgeIndex(directory, embedder=model, chroma_url=chroma_url)
        return cls(index, composer=composer, top_k=top_k)

    def ingest(
        self,
        paths: Sequence[Path],
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        chunk_words: int = DEFAULT_CHUNK_WORDS,
        kind: Kind | None = None,
        supplier: str | None = None,
        progress: Callable[[int], None] | None = None,
        on_wait: Callable[[], None] | None = None,
    ) -> IngestReport:
        """Ingest files and folders; bad files are reported, the others still go in.

        Args:
            on_wait: called once if another writer holds the index and this ingest waits.
        """
        report = IngestReport()

        def unlisted(folder: Path, error: OSError) -> None:
            reason = f"cannot read the folder ({error.strerror})"
            report.failures.append(FileFailure(folder, reason))

        files = find_files(paths, on_error=unlisted)
        report.files = len(files)

        def documents() -> Iterator[Document]:
            for path in files:
                try:
                    document = read_document(
                        path,
                        max_bytes=max_bytes,
                        chunk_words=chunk_words,
                        kind=kind,
                        supplier=supplier,
                        skip_if=self.index.is_current,
                    )
                except IngestionError as error:
                    report.failures.append(FileFailure(path, _without_name(str(error), path)))
                    continue
                except OSError as error:
                    report.failures.append(FileFailure(path, f"cannot read: {error.strerror}"))
                    continue
                if document is None:
                    report.skipped += 1
                else:
                    yield document

        result = self.index.upsert(documents(), progress=progress, on_wait=on_wait)
        # Files whose hash matched were skipped before parsing and never reached the index.
        report.result = replace(result, unchanged=result.unchanged + report.skipped)
        return report

    def seed_if_empty(
        self,
        *,
        chunk_words: int = DEFAULT_CHUNK_WORDS,
        progress: Callable[[int], None] | None = None,
    ) -> IngestReport | None:
        """On first run (an empty index), ingest the bundled guide and sample corpus."""
        if self.index.documents():
            return None
        return self.ingest(list(BUNDLED_DIRS), chunk_words=chunk_words, progress=progress)

    def ask(self, question: str, *, filters: Filters | None = None) -> Answer:
        """Answer `question` from the knowledge base, or say it has nothing on it."""
        return self.compose(question, self.retrieve(question, filters=filters))

    def retrieve(
        self, question: str, *, limit: int | None = None, filters: Filters | None = None
    ) -> Retrieval:
        """The best passages for `question`, with the evidence for answering at all."""
        return self.retriever.search(question, limit=limit or self.top_k, filters=filters)

    def compose(self, question: str, retrieval: Retrieval) -> Answer:
        """Quote the top passages, or abstain when none is relevant enough.

        A question naming something the index never mentions is told so by name, and never
        answered from passages about something else.
        """
        language = detect_question_language(question)
        lexicon = self.index.lexicon()
        names = find_names(question, lexicon)
        unknown = [
            name.text
            for name in names
            if name.entity and not name.known and not self._known_in_translation(name, lexicon)
        ]
        if unknown:
            similar = [match for name in unknown for match in lexicon.similar(name)]
            text = messages.nothing_on(language, names=unknown, similar=similar)
            return Answer(text, False, (), language)
        relevant = retrieval.passages[: self.top_k]
        if not self.gate.admits(retrieval, names=names):
            relevant = []
        return self.composer.compose(question, relevant, language=language)

    def _known_in_translation(self, name: Name, lexicon: Lexicon) -> bool:
        """True when `name` is a glossary term the index holds in another language: "the
        Consumer Authority" over documents that only say "Forbrukertilsynet"."""
        return any(
            all(lexicon.knows(word) for word in term.split())
            for term in self.glossary.translations(name.text)
        )

    def documents(self) -> list[DocumentInfo]:
        """The documents in the knowledge base."""
        return self.index.documents()

    def forget(self, ref: str) -> DocumentInfo:
        """Remove a document (by id, title or source path) from every index."""
        return self.index.forget(ref)


def _without_name(reason: str, path: Path) -> str:
    """An ingestion error's message without its leading `name: `, shown beside the path."""
    return reason.removeprefix(f"{path.name}: ")
