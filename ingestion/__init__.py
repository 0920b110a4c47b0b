"""Files in, clean text out: loaders per format, normalising, language, chunks and hashes.

Usage::

    from ingestion import find_files, read_document

    for path in find_files([Path("docs")]):
        document = read_document(path, max_bytes=25 * 1024 * 1024)
"""

from ingestion.chunking import chunk_document
from ingestion.document import KINDS, Chunk, Document, Kind, Language, Section
from ingestion.errors import (
    CorruptFile,
    EmptyDocument,
    FileTooLarge,
    IngestionError,
    NoSuchPath,
    UndecodableText,
    UnsupportedFormat,
)
from ingestion.hashing import content_hash, document_id
from ingestion.language import detect_language, detect_question_language
from ingestion.loaders import SUPPORTED_SUFFIXES, LoadedText, loader_for
from ingestion.normalise import normalise_text
from ingestion.pipeline import SkipCheck, find_files, read_document
from ingestion.sentences import Sentence, split_sentences

__all__ = [
    "KINDS",
    "SUPPORTED_SUFFIXES",
    "Chunk",
    "CorruptFile",
    "Document",
    "EmptyDocument",
    "FileTooLarge",
    "IngestionError",
    "Kind",
    "Language",
    "LoadedText",
    "NoSuchPath",
    "Section",
    "Sentence",
    "SkipCheck",
    "UndecodableText",
    "UnsupportedFormat",
    "chunk_document",
    "content_hash",
    "detect_language",
    "detect_question_language",
    "document_id",
    "find_files",
    "loader_for",
    "normalise_text",
    "read_document",
    "split_sentences",
]
