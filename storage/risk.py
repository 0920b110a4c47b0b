"""Supplier risk derived from public reference data, with every step shown as a reason.

The rule (ARCHITECTURE.md, "Supplier risk") is applied in this order:

1. country: ITUC 1–2 low, 3 medium, 4 high, 5 and 5+ very high; several countries take the
   highest; a country missing from the index (or none given) counts as medium, "not enough
   information";
2. category: a product category on the DFØ high-risk list raises the level one step (so at
   least medium); no category at all counts as medium, "not enough information";
3. a country DFØ names as high-risk for a matched category makes the level at least high.

The tables ship in `storage/reference_data/`; an operator may drop a newer edition with the same
file names into a directory (usually `<data dir>/reference/`).

Usage::

    data = load_reference_data(settings.data_dir / "reference")
    assessment = derive_risk(countries=["Kina"], categories=["Møbler"], data=data)
    assessment.level  # RiskLevel.VERY_HIGH
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import BaseModel

from storage.errors import ReferenceDataError

ITUC_FILE = "ituc_global_rights_index.csv"
DFO_FILE = "dfo_high_risk_categories.csv"
ALIASES_FILE = "country_aliases.csv"
ITUC_SOURCE = "ITUC Global Rights Index"
DFO_SOURCE = "DFØ høyrisikolisten / DFØ high-risk list"
UNDATED = "undated"


class RiskLevel(StrEnum):
    """Supplier risk level, ordered low < medium < high < very_high."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"

    @property
    def rank(self) -> int:
        """Position on the scale, 0 for low."""
        return list(RiskLevel).index(self)

    def raised(self) -> RiskLevel:
        """One step higher, capped at very high."""
        return list(RiskLevel)[min(self.rank + 1, len(RiskLevel) - 1)]

    def __lt__(self, other: object) -> bool:
        return self.rank < RiskLevel(other).rank if isinstance(other, str) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self.rank <= RiskLevel(other).rank if isinstance(other, str) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self.rank > RiskLevel(other).rank if isinstance(other, str) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self.rank >= RiskLevel(other).rank if isinstance(other, str) else NotImplemented


LEVEL_NAMES: dict[RiskLevel, tuple[str, str]] = {
    RiskLevel.LOW: ("lav", "low"),
    RiskLevel.MEDIUM: ("middels", "medium"),
    RiskLevel.HIGH: ("høy", "high"),
    RiskLevel.VERY_HIGH: ("svært høy", "very high"),
}
ITUC_LEVELS: dict[str, RiskLevel] = {
    "1": RiskLevel.LOW,
    "2": RiskLevel.LOW,
    "3": RiskLevel.MEDIUM,
    "4": RiskLevel.HIGH,
    "5": RiskLevel.VERY_HIGH,
    "5+": RiskLevel.VERY_HIGH,
}


class RiskReason(BaseModel):
    """One step of a risk derivation, in both languages, with the table it came from."""

    text_nb: str
    text_en: str
    source: str
    edition: str


class RiskAssessment(BaseModel):
    """A derived risk level and the reasons that led to it."""

    level: RiskLevel
    reasons: list[RiskReason]


@dataclass(frozen=True)
class CountryRating:
    """One country's row in the ITUC index."""

    iso2: str
    name: str
    rating: str


@dataclass(frozen=True)
class HighRiskCategory:
    """One product category on the DFØ high-risk list."""

    name_nb: str
    name_en: str
    risks: tuple[str, ...]
    countries: frozenset[str]

    @property
    def short_en(self) -> str:
        """The English name without its examples in brackets."""
        return self.name_en.split(" (")[0]


@dataclass(frozen=True)
class ReferenceData:
    """The loaded reference tables and the editions they come from."""

    ratings: dict[str, CountryRating]
    ituc_edition: str
    categories: tuple[HighRiskCategory, ...]
    dfo_edition: str
    aliases: dict[str, str] = field(default_factory=dict)

    def resolve_country(self, text: str) -> str | None:
        """The ISO alpha-2 code for a code, an ITUC name or a known alias; None if unknown."""
        key = _normalise(text)
        if key.upper() in self.ratings:
            return key.upper()
        return self.aliases.get(key)

    def find_category(self, text: str) -> HighRiskCategory | None:
        """The DFØ category named by `text` in Norwegian or English, or None."""
        key = _normalise(text)
        for category in self.categories:
            if key in _category_keys(category):
                return category
        return None


def load_reference_data(directory: Path | None = None) -> ReferenceData:
    """Read the bundled tables, or the operator's copies in `directory` when not older.

    A table dropped in `directory` replaces the bundled one unless both state an edition and
    the dropped one is older; aliases from `directory` are added to the bundled ones.
    """
    bundled = resources.files("storage.reference_data")
    bundled_ituc = _read_rows(
        bundled / ITUC_FILE, required={"country", "iso2", "rating", "edition"}
    )
    ituc_rows = bundled_ituc
    dfo_rows = _read_rows(
        bundled / DFO_FILE,
        required={"category_no", "category_en", "risks", "high_risk_countries"},
    )
    alias_rows = _read_rows(bundled / ALIASES_FILE, required={"iso2", "alias"})
    if directory is not None:
        ituc_rows = _newer(ituc_rows, directory / ITUC_FILE, required={"country", "iso2", "rating"})
        dfo_rows = _newer(
            dfo_rows,
            directory / DFO_FILE,
            required={"category_no", "category_en", "risks", "high_risk_countries"},
        )
        if (directory / ALIASES_FILE).is_file():
            alias_rows += _read_rows(directory / ALIASES_FILE, required={"iso2", "alias"})
    ratings = _to_ratings(ituc_rows)
    # Names from the bundled edition stay known, so a renamed country still resolves.
    named = [*_to_ratings(bundled_ituc).values(), *ratings.values()]
    aliases = {_normalise(rating.name): rating.iso2 for rating in named}
    aliases.update({_normalise(row["alias"]): row["iso2"].strip().upper() for row in alias_rows})
    data = ReferenceData(
        ratings=ratings,
        ituc_edition=_edition(ituc_rows),
        categories=(),
        dfo_edition=_edition(dfo_rows),
        aliases=aliases,
    )
    return replace(data, categories=tuple(_to_category(row, data=data) for row in dfo_rows))


def derive_risk(
    *, countries: Sequence[str], categories: Sequence[str], data: ReferenceData
) -> RiskAssessment:
    """Derive a supplier's risk level from its countries and product categories."""
    reasons: list[RiskReason] = []
    level, known_codes = _country_level(countries, data=data, reasons=reasons)
    matched = _category_matches(categories, data=data, reasons=reasons)
    if not categories:
        level = max(level, RiskLevel.MEDIUM)
    elif matched:
        level = max(level.raised(), RiskLevel.MEDIUM)
        names = ", ".join(f"«{category.name_nb}»" for category in matched)
        reasons.append(
            _dfo_reason(
                f"Kategori på DFØs høyrisikoliste ({names}): ett trinn opp, "
                f"til {_nb(level)} risiko.",
                f"Category on the DFØ high-risk list ({', '.join(c.short_en for c in matched)}):"
                f" one step up, to {_en(level)} risk.",
                data=data,
            )
        )
    for category in matched:
        for code in sorted(known_codes & category.countries):
            level = max(level, RiskLevel.HIGH)
            name = data.ratings[code].name
            reasons.append(
                _dfo_reason(
                    f"DFØ nevner {name} som høyrisikoland for «{category.name_nb}»: "
                    "minst høy risiko.",
                    f"DFØ names {name} as a high-risk country for {category.short_en}: "
                    "at least high risk.",
                    data=data,
                )
            )
    return RiskAssessment(level=level, reasons=reasons)


def _country_level(
    countries: Sequence[str], *, data: ReferenceData, reasons: list[RiskReason]
) -> tuple[RiskLevel, set[str]]:
    """The highest country level, appending one reason per country."""
    if not countries:
        reasons.append(
            _ituc_reason(
                "Ikke nok informasjon: ingen land oppgitt, middels risiko.",
                "Not enough information: no country given, medium risk.",
                data=data,
            )
        )
        return RiskLevel.MEDIUM, set()
    levels: list[RiskLevel] = []
    known: set[str] = set()
    for text in dict.fromkeys(countries):
        code = data.resolve_country(text)
        if code is None or code not in data.ratings:
            levels.append(RiskLevel.MEDIUM)
            reasons.append(
                _ituc_reason(
                    f"Ikke nok informasjon: «{text}» finnes ikke i ITUC-indeksen, middels risiko.",
                    f'Not enough information: "{text}" is not in the ITUC index, medium risk.',
                    data=data,
                )
            )
            continue
        rating = data.ratings[code]
        level = ITUC_LEVELS[rating.rating]
        known.add(code)
        levels.append(level)
        reasons.append(
            _ituc_reason(
                f"{rating.name} ({code}) har ITUC-vurdering {rating.rating}: {_nb(level)} risiko.",
                f"{rating.name} ({code}) has ITUC rating {rating.rating}: {_en(level)} risk.",
                data=data,
            )
        )
    highest = max(levels)
    if len(levels) > 1:
        reasons.append(
            _ituc_reason(
                f"Flere land: det høyeste nivået gjelder, {_nb(highest)} risiko.",
                f"Several countries: the highest applies, {_en(highest)} risk.",
                data=data,
            )
        )
    return highest, known


def _category_matches(
    categories: Sequence[str], *, data: ReferenceData, reasons: list[RiskReason]
) -> list[HighRiskCategory]:
    """The DFØ categories among `categories`, appending a reason for each one given."""
    if not categories:
        reasons.append(
            _dfo_reason(
                "Ikke nok informasjon: ingen produktkategori oppgitt, minst middels risiko.",
                "Not enough information: no product category given, at least medium risk.",
                data=data,
            )
        )
        return []
    matched: list[HighRiskCategory] = []
    for text in dict.fromkeys(categories):
        category = data.find_category(text)
        if category is None:
            reasons.append(
                _dfo_reason(
                    f"«{text}» står ikke på DFØs høyrisikoliste: ingen endring.",
                    f'"{text}" is not on the DFØ high-risk list: no change.',
                    data=data,
                )
            )
        elif category not in matched:
            matched.append(category)
            reasons.append(
                _dfo_reason(
                    f"«{category.name_nb}» står på DFØs høyrisikoliste "
                    f"(risiko: {'; '.join(category.risks[:3])}).",
                    f"{category.short_en} is on the DFØ high-risk list "
                    f"(risks: {'; '.join(category.risks[:3])}).",
                    data=data,
                )
            )
    return matched


def _ituc_reason(text_nb: str, text_en: str, *, data: ReferenceData) -> RiskReason:
    """A reason sourced from the ITUC index."""
    return RiskReason(
        text_nb=text_nb, text_en=text_en, source=ITUC_SOURCE, edition=data.ituc_edition
    )


def _dfo_reason(text_nb: str, text_en: str, *, data: ReferenceData) -> RiskReason:
    """A reason sourced from the DFØ high-risk list."""
    return RiskReason(text_nb=text_nb, text_en=text_en, source=DFO_SOURCE, edition=data.dfo_edition)


def _nb(level: RiskLevel) -> str:
    """The Norwegian name of a level."""
    return LEVEL_NAMES[level][0]


def _en(level: RiskLevel) -> str:
    """The English name of a level."""
    return LEVEL_NAMES[level][1]


def _normalise(text: str) -> str:
    """Lower-case, accents and punctuation folded, so 'Côte d’Ivoire' meets 'cote d'ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.replace("-", " ").split())


def _category_keys(category: HighRiskCategory) -> set[str]:
    """Every normalised name a category answers to."""
    names = {category.name_nb, category.name_en, category.short_en}
    names |= {name.removeprefix("Kjøp av ") for name in names}
    return {_normalise(name) for name in names}


def _read_rows(source: Path | Traversable, *, required: set[str]) -> list[dict[str, str]]:
    """The rows of one CSV file, refusing a file that lacks a required column."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = required - set(reader.fieldnames or ())
        if missing:
            raise ReferenceDataError(f"{source.name}: missing columns {', '.join(sorted(missing))}")
        return list(reader)


def _newer(bundled: list[dict], path: Path, *, required: set[str]) -> list[dict]:
    """The operator's rows at `path` unless they state an older edition than the bundled ones."""
    if not path.is_file():
        return bundled
    dropped = _read_rows(path, required=required)
    if not dropped:
        raise ReferenceDataError(f"{path}: no rows")
    mine, theirs = _edition_year(bundled), _edition_year(dropped)
    if mine is not None and theirs is not None and theirs < mine:
        return bundled
    return dropped


def _edition(rows: Iterable[dict]) -> str:
    """The edition the rows state, or 'undated'."""
    year = _edition_year(rows)
    return UNDATED if year is None else str(year)


def _edition_year(rows: Iterable[dict]) -> int | None:
    """The newest edition year stated in an `edition` column, if any."""
    years = [row.get("edition") or "" for row in rows]
    stated = [int(year) for year in years if year.strip().isdigit()]
    return max(stated) if stated else None


def _to_ratings(rows: list[dict]) -> dict[str, CountryRating]:
    """ITUC rows keyed by ISO code, refusing ratings outside the scale."""
    ratings: dict[str, CountryRating] = {}
    for row in rows:
        rating = row["rating"].strip()
        if rating not in ITUC_LEVELS:
            raise ReferenceDataError(f"{ITUC_FILE}: rating {rating!r} for {row['country']}")
        code = row["iso2"].strip().upper()
        ratings[code] = CountryRating(iso2=code, name=row["country"].strip(), rating=rating)
    return ratings


def _to_category(row: dict, *, data: ReferenceData) -> HighRiskCategory:
    """One DFØ row, its country names resolved to ISO codes."""
    codes: set[str] = set()
    for name in filter(None, (part.strip() for part in row["high_risk_countries"].split(";"))):
        code = data.resolve_country(name)
        if code is None:
            raise ReferenceDataError(f"{DFO_FILE}: unknown country {name!r}; add an alias")
        codes.add(code)
    return HighRiskCategory(
        name_nb=row["category_no"].strip(),
        name_en=row["category_en"].strip(),
        risks=tuple(risk.strip() for risk in row["risks"].split(";") if risk.strip()),
        countries=frozenset(codes),
    )
