"""Build `knowledge/bundled_vectors.npz`: the e5 vectors of the bundled documents' passages,
and the dense vectors of the bundled glossary's terms (which place each language, see
`knowledge.language_centroids`).

Run it after editing the bundled guide, Act, samples or glossary (a test fails until you do)::

    .venv/bin/python -m knowledge.build_bundled_vectors      # or: make bundled-vectors

It reads the documents of `BUNDLED_DIRS` exactly as a first run ingests them (default chunk
size), embeds their passages with the bundled e5 model, dense and sparse, and writes the cache
that `make_embedder("e5")` consults before running the model (see `knowledge.vector_cache`).
Passages the current file already holds are kept, so only edited ones cost model time; pass
`--fresh` to embed every passage again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ingestion import find_files, read_document
from knowledge.embeddings import PASSAGE_PREFIX, E5Embedder
from knowledge.engine import BUNDLED_DIRS, DEFAULT_CHUNK_WORDS, DEFAULT_MAX_BYTES
from knowledge.glossary import LANGUAGE_COLUMNS, Glossary
from knowledge.vector_cache import BUNDLED_VECTORS, VectorCache, save_cache


def bundled_passages(*, chunk_words: int = DEFAULT_CHUNK_WORDS) -> list[str]:
    """The text of every bundled passage as the index embeds it, each once, in file order."""
    passages: dict[str, None] = {}
    for path in find_files(list(BUNDLED_DIRS)):
        document = read_document(path, max_bytes=DEFAULT_MAX_BYTES, chunk_words=chunk_words)
        if document is not None:
            passages.update(dict.fromkeys(chunk.indexed_text for chunk in document.chunks))
    return list(passages)


def glossary_terms() -> list[str]:
    """Every term of the bundled glossary, in every language, each once."""
    glossary = Glossary.bundled()
    return list(dict.fromkeys(t for lang in LANGUAGE_COLUMNS for t in glossary.terms(lang)))


def build(path: Path = BUNDLED_VECTORS, *, fresh: bool = False) -> int:
    """Embed the bundled passages and glossary terms and write the cache; the passage count.

    Args:
        fresh: embed every passage with the model; otherwise passages the file at `path`
            already holds (for this same model) are kept, and only changed ones are embedded.
    """
    embedder = E5Embedder(cache=None if fresh else VectorCache.load(path))
    texts = bundled_passages()
    dense_texts = list(dict.fromkeys([*texts, *glossary_terms()]))
    partial = path.with_name(f"{path.stem}.partial.npz")  # readers never see half a file
    save_cache(
        partial,
        identity=embedder.identity,
        dense_texts=[PASSAGE_PREFIX + text for text in dense_texts],
        dense=embedder.embed_passages(dense_texts),
        sparse_texts=texts,
        sparse=embedder.sparse_passages(texts),
    )
    partial.replace(path)
    return len(texts)


def main() -> None:
    """Build the shipped cache (`--fresh`: every passage from the model) and say so."""
    count = build(fresh="--fresh" in sys.argv[1:])
    size = BUNDLED_VECTORS.stat().st_size
    sys.stdout.write(f"wrote {BUNDLED_VECTORS}: {count} passages, {size / 1024:.0f} KiB\n")


if __name__ == "__main__":
    main()
