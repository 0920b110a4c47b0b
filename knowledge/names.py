"""Names in a question, and whether the knowledge base knows them.

A question that names an organisation, a product or a document the index never mentions
("Which corrective actions were agreed with Acme Widgets?") must not be answered with another
supplier's passage that happens to embed close. Which words are names is decided by method,
from the question's form and what the index holds, not from a list of suppliers:

- a capitalised word that does not open a sentence, an acronym (``DFØ``, ``HP``) or a code
  with letters and digits (``KX-77``) may be a name;
- it is not a name when it is a common word: a function word of Norwegian, Swedish or English
  (so ``FROM`` and ``WHERE`` are not names), or a word the index's texts write in lowercase
  somewhere (``Risk``, ``Audit``);
- a name is known when the index's texts, headers, titles or supplier names hold it (a
  genitive ``-s`` may be dropped: "Nordvevs", "Blue Fjords").

Consecutive name-like words form one name ("Acme Widgets", "Kobberfjell AS"); it is known
when every one of its words is. Only a name shaped like an organisation's, a product's or a
document's (see `Name.entity`) is declined by name when unknown.

Usage::

    lexicon = Lexicon.build(texts, names=["Blue Fjord Seafood Ltd"], version="…")
    for name in find_names("Hvilken frist har Kobberfjell AS fått?", lexicon):
        name.text, name.known          # "Kobberfjell AS", False
    lexicon.similar("Blue Fjord Foods")  # ["Blue Fjord Seafood Ltd"]
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from knowledge.stemming import STOPWORDS

SIMILAR_CUTOFF = 0.8
MAX_SIMILAR = 3
LEGAL_FORMS = frozenset(
    {"AS", "ASA", "AB", "ANS", "DA", "SA", "KS", "Oy", "Oyj", "ApS", "Ltd", "Inc", "LLC"}
    | {"plc", "PLC", "GmbH", "AG", "BV", "NV", "SpA", "SRL", "Corp"}
)
"""Legal forms written after a company's name: the words before them name an organisation."""
# Words joined by a hyphen, slash or dot stay one token ("KX-77", "1057/17", "jobb-PC-en").
_TOKEN = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)*")
_PART = re.compile(r"[-/.]")
_PART_SPAN = re.compile(r"[^\W_]+")
_SENTENCE_END = frozenset(".!?:;…\n")
_OPENERS = " \t\"'«“‘(["


@dataclass(frozen=True, slots=True)
class Name:
    """A name in a question, as written, and whether the index mentions it.

    Args:
        words: the casefolded words matched against the index (not the legal form).
        entity: shaped like the name of an organisation, product or document: several
            words, a legal form after it ("Kobberfjell AS"), an acronym or a code. A single
            capitalised word may as well be a place or a language in another tongue than
            the index's ("Turkiet", "Swedish"), so it is not declined by name alone.
    """

    text: str
    words: tuple[str, ...]
    known: bool
    entity: bool

    def mentioned_in(self, words: set[str] | frozenset[str]) -> bool:
        """Whether every word of the name (a genitive -s allowed) is among `words`."""
        return all(_has_word(words, word) for word in self.words)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The words of one index version: every word seen, and those seen written in lowercase.

    Args:
        words: casefolded words (and the parts of hyphenated ones) of every text and name.
        lowercase: words written in lowercase in some text: common words, not names.
        names: supplier names and document titles, offered when a name is not known.
        version: the catalog version these words were read from.
    """

    words: frozenset[str]
    lowercase: frozenset[str]
    names: tuple[str, ...]
    version: str

    @classmethod
    def build(cls, texts: Iterable[str], *, names: Iterable[str], version: str) -> Lexicon:
        """Read the words of `texts` (chunk texts and headers) and of `names`."""
        words: set[str] = set()
        lowercase: set[str] = set()
        listed = sorted(set(names))
        for text in (*texts, *listed):
            for word in _words_and_parts(text):
                folded = word.casefold()
                words.add(folded)
                if word == folded:
                    lowercase.add(folded)
        return cls(frozenset(words), frozenset(lowercase), tuple(listed), version)

    def knows(self, word: str) -> bool:
        """Whether the index mentions `word` (casefolded), allowing a genitive -s."""
        return _has_word(self.words, word)

    def is_common(self, word: str) -> bool:
        """Whether `word` (casefolded) is a function word or written lowercase in the index."""
        return word in STOPWORDS or word in self.lowercase

    def similar(self, name: str) -> list[str]:
        """Supplier names and titles that look like `name` (a misspelling, another form)."""
        keys: dict[str, str] = {}
        for known in self.names:
            words = known.split()
            for size in range(1, len(words) + 1):
                keys.setdefault(" ".join(words[:size]).casefold(), known)
        matches = difflib.get_close_matches(
            name.casefold(), list(keys), n=MAX_SIMILAR, cutoff=SIMILAR_CUTOFF
        )
        return list(dict.fromkeys(keys[match] for match in matches))


def find_names(question: str, lexicon: Lexicon) -> list[Name]:
    """The names in `question`, in order, each marked known or not."""
    names: list[Name] = []
    run: list[str] = []
    end = 0
    for word, start, stop, initial in _words(question):
        adjacent = bool(run) and not question[end:start].strip()
        if adjacent and word in LEGAL_FORMS:
            names.append(_to_name(run, lexicon, legal_form=word))
            run = []
        elif not _may_be_name(word, initial=initial, lexicon=lexicon):
            names += _to_names(run, lexicon)
            run = []
        else:
            if not adjacent:
                names += _to_names(run, lexicon)
                run = []
            run.append(word)
            end = stop
    return names + _to_names(run, lexicon)


def _words(question: str) -> Iterator[tuple[str, int, int, bool]]:
    """Words with their span and whether they open a sentence; codes stay whole, and a
    hyphenated word is its parts ("Elektra-fabrikken": "Elektra" is a name)."""
    for match in _TOKEN.finditer(question):
        token, start = match.group(), match.start()
        initial = _opens_sentence(question, start)
        if _has_digits(token):
            yield token, start, match.end(), initial
            continue
        for part in _PART_SPAN.finditer(token):
            yield part.group(), start + part.start(), start + part.end(), initial
            initial = False


def _has_word(words: set[str] | frozenset[str], word: str) -> bool:
    """`word` or, for a genitive ("Nordvevs"), the word without its -s is among `words`."""
    return word in words or (len(word) > 2 and word[-1] == "s" and word[:-1] in words)


def words_in(text: str) -> set[str]:
    """Casefolded words of `text`, with the parts of hyphenated ones, as names are matched."""
    return {word.casefold() for word in _words_and_parts(text)}


def _words_and_parts(text: str) -> Iterator[str]:
    for token in _TOKEN.findall(text):
        yield token
        if _PART.search(token):
            yield from _PART.split(token)


def _may_be_name(token: str, *, initial: bool, lexicon: Lexicon) -> bool:
    """Whether `token` has the form of a name and is not a common word."""
    if not _has_letters(token) or len(token) < 2:
        return False
    if _has_digits(token):
        return True  # a code: "KX-77", "ISO26000"
    capitalised = token[0].isupper() and not initial
    return (_is_acronym(token) or capitalised) and not lexicon.is_common(token.casefold())


def _to_names(run: list[str], lexicon: Lexicon) -> list[Name]:
    """`run` as a name, or nothing when it is empty."""
    return [_to_name(run, lexicon)] if run else []


def _to_name(run: list[str], lexicon: Lexicon, *, legal_form: str | None = None) -> Name:
    """The words of `run` (and the legal form after them) as one name."""
    words = tuple(word.casefold() for word in run)
    entity = legal_form is not None or len(run) > 1 or _is_acronym(run[0]) or _has_digits(run[0])
    return Name(
        text=" ".join([*run, *([legal_form] if legal_form else [])]),
        words=words,
        known=all(lexicon.knows(word) for word in words),
        entity=entity,
    )


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_END


def _is_acronym(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def _has_letters(token: str) -> bool:
    return any(char.isalpha() for char in token)


def _has_digits(token: str) -> bool:
    return any(char.isdigit() for char in token)
