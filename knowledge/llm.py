"""Optional LLM answers: a LangChain chat model writes the answer, grounded on the passages.

The extractive composer needs no model; an operator who runs one sets `AKTSOM_LLM`. The model
sees only the retrieved passages and must cite them, so the sources shown under an answer are
exactly the passages it cited, renumbered in the order it cited them. A reply that declines,
or cites nothing that exists, becomes the plain "nothing on this" answer.

Usage::

    model = make_chat_model("openai:gpt-4o-mini", base_url=None, api_key=key)
    answer = LLMComposer(model).compose(question, passages, language="nb")
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import httpx
import ollama
import openai
from langchain_core.language_models import BaseChatModel
from langchain_ollama import ChatOllama
from langchain_openai import ChatOpenAI

from knowledge.answer import Answer, Citation, Passage, place
from knowledge.errors import AnswerUnavailable
from knowledge.messages import framing_language, nothing_found
from knowledge.prompts import DECLINE_MARKER, GROUNDED_PROMPT, to_prompt_values

DEFAULT_TIMEOUT_S = 60.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_OLLAMA_URL = "http://localhost:11434"
DEFAULT_OPENAI_URL = "https://api.openai.com/v1"
# A server that needs no key still makes the OpenAI client demand one.
UNUSED_API_KEY = "unused"
ACCEPTED_SPECS = "'openai:<model>' or 'ollama:<model>'"

_BACKEND_ERRORS = (
    openai.APIError,
    ollama.ResponseError,
    httpx.HTTPError,
    ConnectionError,
    TimeoutError,
)
_CITATION = re.compile(r"(\s*)\[(\d+(?:\s*,\s*\d+)*)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"\w+")


class LLMComposer:
    """Composes answers with a chat model over numbered passages; implements `Composer`."""

    def __init__(self, model: BaseChatModel, *, endpoint: str | None = None) -> None:
        """Wrap `model`; `endpoint` names the server in errors (default: read from the model)."""
        self.model = model
        self.endpoint = endpoint or _endpoint_of(model)

    def compose(self, question: str, passages: Sequence[Passage], *, language: str) -> Answer:
        """Ask the model for a cited answer from `passages` in the asker's language."""
        answer_language = framing_language(language)
        if not passages:
            return _nothing_found(answer_language)
        messages = GROUNDED_PROMPT.format_messages(
            **to_prompt_values(question, passages, language=language)
        )
        try:
            reply = self.model.invoke(messages)
        except _BACKEND_ERRORS as error:
            raise AnswerUnavailable(
                f"the language model at {self.endpoint} did not answer: {error}"
            ) from error
        return to_answer(str(reply.text), passages, language=answer_language)


def make_chat_model(
    spec: str,
    *,
    base_url: str | None,
    api_key: str | None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    max_retries: int = DEFAULT_MAX_RETRIES,
) -> BaseChatModel:
    """Build the chat model an `AKTSOM_LLM` spec names, at temperature 0 with bounded retries.

    Args:
        spec: `openai:<model>` (any OpenAI-compatible server at `base_url`) or `ollama:<model>`.
        base_url: The server; None means the backend's default.
        api_key: The key, if the server needs one.
        timeout_s: Seconds to wait for one reply.
        max_retries: Further attempts after a failed connection.
    """
    backend, _, name = spec.partition(":")
    backend, name = backend.strip().lower(), name.strip()
    if not name or backend not in {"openai", "ollama"}:
        raise AnswerUnavailable(f"unknown LLM spec {spec!r}: use {ACCEPTED_SPECS}")
    if backend == "openai":
        return ChatOpenAI(
            model=name,
            base_url=base_url,
            api_key=api_key or UNUSED_API_KEY,
            temperature=0,
            timeout=timeout_s,
            max_retries=max_retries,
        )
    return ChatOllama(
        model=name,
        base_url=base_url,
        temperature=0,
        client_kwargs={"timeout": timeout_s},
        sync_client_kwargs={"transport": httpx.HTTPTransport(retries=max_retries)},
    )


def to_answer(reply: str, passages: Sequence[Passage], *, language: str) -> Answer:
    """The answer a model reply makes: cited passages become sources, renumbered from [1]."""
    if DECLINE_MARKER in reply:
        return _nothing_found(language)
    renumbered: dict[tuple[str, str], tuple[int, int]] = {}
    """Each cited place, first passage cited there (1-based) and its new number."""

    def _rewrite(match: re.Match[str]) -> str:
        """The citation renumbered by place, or nothing when it names no passage."""
        numbers = (int(part) for part in match.group(2).split(","))
        kept = [
            renumbered.setdefault(place(passages[number - 1]), (number, len(renumbered) + 1))[1]
            for number in numbers
            if 1 <= number <= len(passages)
        ]
        return f"{match.group(1)}[{', '.join(map(str, dict.fromkeys(kept)))}]" if kept else ""

    text = _CITATION.sub(_rewrite, reply).strip()
    if not renumbered:
        return _nothing_found(language)
    sources = tuple(
        _to_citation(passages[original - 1], number=number, answer=text)
        for original, number in renumbered.values()
    )
    return Answer(text=text, found=True, sources=sources, language=language)


def _to_citation(passage: Passage, *, number: int, answer: str) -> Citation:
    """A source whose quote is the passage sentence sharing most words with the answer."""
    return Citation(
        number=number,
        title=passage.title,
        source=passage.source,
        location=passage.location,
        score=passage.score,
        quote=_best_sentence(passage.text, answer=answer),
    )


def _best_sentence(text: str, *, answer: str) -> str:
    """The passage sentence, verbatim, that shares the most distinct words with `answer`."""
    answer_words = _words(answer)
    sentences = [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
    if not sentences:
        return text.strip()
    return max(sentences, key=lambda sentence: len(answer_words & _words(sentence)))


def _words(text: str) -> set[str]:
    """The distinct lower-cased words of `text`."""
    return set(_WORD.findall(text.lower()))


def _nothing_found(language: str) -> Answer:
    """The plain answer when the passages hold nothing on the question."""
    return Answer(text=nothing_found(language), found=False, sources=(), language=language)


def _endpoint_of(model: BaseChatModel) -> str:
    """The server URL a chat model talks to, for error messages."""
    if isinstance(model, ChatOpenAI):
        return model.openai_api_base or DEFAULT_OPENAI_URL
    if isinstance(model, ChatOllama):
        return model.base_url or DEFAULT_OLLAMA_URL
    return type(model).__name__
