"""Tokenise and stem text per language, so BM25 matches inflected and cross-language forms.

A chunk is stemmed with the stemmer of its document's language; a query is stemmed with every
stemmer (Norwegian, Swedish, English) and the stems are pooled, because people often ask in
another language than the document's, and Scandinavian stems overlap a great deal.

Usage::

    stem_document("Leverandøren svarte på informasjonskravet", language="nb")
    stem_query("Hur snabbt ska informationskrav besvaras?")
"""

from __future__ import annotations

import re
from functools import cache

import Stemmer

LANGUAGE_STEMMERS: dict[str, tuple[str, ...]] = {
    "nb": ("norwegian",),
    "nn": ("norwegian",),
    "sv": ("swedish",),
    "en": ("english",),
}
QUERY_STEMMERS: tuple[str, ...] = ("norwegian", "swedish", "english")
FALLBACK_STEMMERS: tuple[str, ...] = ("norwegian", "english")

# Numbers keep their inner separators ("1057/17", "2019/1937", "3.5") and thousands written
# with spaces ("500 000") become one token; words are runs of letters and digits.
_TOKEN = re.compile(
    r"(?P<grouped>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d))"
    r"|(?P<number>\d+(?:[./:,-]\d+)*)"
    r"|(?P<word>[^\W_]+)"
)
_SPACES = re.compile(r"[ \u00a0\u202f]")

# Small, deliberately conservative lists: words that are content words in a sibling language
# ("by" is "city" in Norwegian, "man" is a noun in English) are left out.
_NORWEGIAN_STOPWORDS = """
og i på til av er som en et ei det den de for med at har ikke om var vi kan skal eller fra men
så seg hun han sin sitt sine også når må blir ble vil være vært hva hvor hvilke hvilken hvordan
dette disse der her da du jeg meg oss dere deres dei ikkje eg ein eit noe noen alle mot etter
under over enn bare hvis slik
"""
_SWEDISH_STOPWORDS = """
och att är på av för med som en ett det den de har inte om var vi kan ska eller från men så sig
hon han sitt sina också när måste blir blev vill vara varit vad vilka vilken hur detta dessa där
här då jag mig oss er något några alla mot efter under över än bara sådan
"""
_ENGLISH_STOPWORDS = """
the a an and or of to in on for with is are was were be been being it its this that these those
as at from into what which who whom how when where why do does did have has had not no can shall
should will would must may there their they them we you your our i me my he she his her than
then so if about any all
"""
STOPWORDS: frozenset[str] = frozenset(
    (_NORWEGIAN_STOPWORDS + _SWEDISH_STOPWORDS + _ENGLISH_STOPWORDS).split()
)


def tokenize(text: str) -> list[str]:
    """Lowercased word and number tokens of `text`, stopwords removed."""
    tokens = []
    for match in _TOKEN.finditer(text.lower()):
        grouped = match.group("grouped")
        token = _SPACES.sub("", grouped) if grouped else match.group(0)
        if token not in STOPWORDS:
            tokens.append(token)
    return tokens


def stem_document(text: str, *, language: str) -> list[str]:
    """Stems of a passage in its document's language (one per token; pooled for `other`)."""
    tokens = tokenize(text)
    names = LANGUAGE_STEMMERS.get(language, FALLBACK_STEMMERS)
    if len(names) == 1:
        return _stemmer(names[0]).stemWords(tokens)
    return _pooled_stems(tokens, names)


def stem_query(text: str) -> list[str]:
    """Distinct stems of a query under every supported language's stemmer."""
    return list(dict.fromkeys(_pooled_stems(tokenize(text), QUERY_STEMMERS)))


def _pooled_stems(tokens: list[str], names: tuple[str, ...]) -> list[str]:
    """For each token, its distinct stems under each stemmer in `names`."""
    per_stemmer = [_stemmer(name).stemWords(tokens) for name in names]
    pooled = []
    for stems in zip(*per_stemmer, strict=True):
        pooled.extend(dict.fromkeys(stems))
    return pooled


@cache
def _stemmer(name: str) -> Stemmer.Stemmer:
    """One Snowball stemmer per language, kept for the process (it caches stems itself)."""
    return Stemmer.Stemmer(name)
