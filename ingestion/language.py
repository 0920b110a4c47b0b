"""Which language a document is written in, among those the assistant answers in.

The detector knows only Bokmål, Nynorsk, Swedish and English, plus Danish and German as
decoys: without them, Danish text (very close to Bokmål) would be labelled "nb". It is
built once, on first use, because loading its models takes a moment.
"""

from __future__ import annotations

import re
from functools import cache

from lingua import Language as LinguaLanguage
from lingua import LanguageDetector, LanguageDetectorBuilder

from ingestion.document import Language

SAMPLE_CHARS = 2000
MIN_CONFIDENCE = 0.3
SHORT_QUESTION_WORDS = 12
# Function words that are words of one side only: "i", "at", "for", "to", "by", "man" and
# "be" are left out, being words in both English and Norwegian or Swedish.
_ENGLISH_FUNCTION_WORDS = """
the is are was were been what which who whom whose how why when where does did do has have
had of with and or not this that these those there their they we our you your it its from
about any should would could can will must many much
"""
_SCANDINAVIAN_FUNCTION_WORDS = """
hva hvem hvilke hvilken hvilket hvor hvordan hvorfor når er var har og ikke som det den de vi
skal kan må om fra med på av til vad vem vilka vilken vilket hur varför när är och inte ska
får ett en ei et
"""
ENGLISH_FUNCTION_WORDS = frozenset(_ENGLISH_FUNCTION_WORDS.split())
SCANDINAVIAN_FUNCTION_WORDS = frozenset(_SCANDINAVIAN_FUNCTION_WORDS.split())
_WORD = re.compile(r"[^\W\d_]+")
_CODES: dict[LinguaLanguage, Language] = {
    LinguaLanguage.BOKMAL: "nb",
    LinguaLanguage.NYNORSK: "nn",
    LinguaLanguage.SWEDISH: "sv",
    LinguaLanguage.ENGLISH: "en",
}
_DECOYS = (LinguaLanguage.DANISH, LinguaLanguage.GERMAN)


def detect_language(text: str) -> Language:
    """Return "nb", "nn", "sv" or "en", or "other" for anything else or too little text."""
    sample = _sample(text)
    if not any(char.isalpha() for char in sample):
        return "other"
    best = _detector().compute_language_confidence_values(sample)[0]
    if best.value < MIN_CONFIDENCE:
        return "other"
    return _CODES.get(best.language, "other")


def detect_question_language(text: str) -> Language:
    """The language of a short question, for framing the answer; never "other" for words.

    Short texts split lingua's confidence between Bokmål, Nynorsk and Danish, so each
    candidate's confidence is pooled with its close neighbours before choosing: a question
    that reads as Danish is answered as Norwegian. A short question whose function words
    are English rather than Scandinavian ("Is Nordvev high risk?") is English, however its
    names read.
    """
    if not any(char.isalpha() for char in text):
        return "other"
    if _reads_as_english(text):
        return "en"
    values = {v.language: v.value for v in _detector().compute_language_confidence_values(text)}
    pooled: dict[Language, float] = {
        "nb": values[LinguaLanguage.BOKMAL] + values[LinguaLanguage.DANISH],
        "nn": values[LinguaLanguage.NYNORSK],
        "sv": values[LinguaLanguage.SWEDISH],
        "en": values[LinguaLanguage.ENGLISH],
        "other": values[LinguaLanguage.GERMAN],
    }
    norwegian = pooled["nb"] + pooled["nn"]
    if norwegian >= max(pooled["sv"], pooled["en"], pooled["other"]):
        return "nb" if pooled["nb"] >= pooled["nn"] else "nn"
    return max(pooled, key=pooled.__getitem__)


def _reads_as_english(text: str) -> bool:
    """A short text with more English than Scandinavian function words."""
    words = [word.casefold() for word in _WORD.findall(text)]
    if len(words) > SHORT_QUESTION_WORDS:
        return False
    english = sum(word in ENGLISH_FUNCTION_WORDS for word in words)
    scandinavian = sum(word in SCANDINAVIAN_FUNCTION_WORDS for word in words)
    return english > scandinavian


@cache
def _detector() -> LanguageDetector:
    """Build the detector once, with its models loaded now: loading them lazily on the first
    text holds the interpreter lock for seconds, stalling every other thread of a server."""
    builder = LanguageDetectorBuilder.from_languages(*_CODES, *_DECOYS)
    return builder.with_preloaded_language_models().build()


def _sample(text: str) -> str:
    """At most SAMPLE_CHARS of `text`, cut at a word boundary."""
    if len(text) <= SAMPLE_CHARS:
        return text
    cut = text.rfind(" ", 0, SAMPLE_CHARS)
    return text[: cut if cut > 0 else SAMPLE_CHARS]
