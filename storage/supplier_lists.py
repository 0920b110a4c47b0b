"""Supplier lists as companies export them from ERP and accounting systems, read into a table.

A list is a CSV file (any of UTF-8 with or without BOM, UTF-16, cp1252 or latin-1, told apart
by charset-normalizer; `;`, `,` or tab between fields, whichever splits the first lines
evenly) or an XLSX workbook (its first sheet, read-only; merged cells read as the value of
their top-left cell). The format is taken from the content, not the file name.

The header is the row, among the first ten, that names the most known columns; a title row
above it is skipped, and two header rows (a merged "Leverandør" over "Navn" and "Org.nr.")
are read together when that names more columns than either row alone. Column names are
recognised in Norwegian and English (`ALIASES`), ignoring case, accents, punctuation, years
and currency codes ("Årlig innkjøp 2025 (NOK)" is spend); other columns are left for a
person to map.

Usage::

    table = read_supplier_list(path.read_bytes(), max_bytes=25 * 2**20)
    table.mapping                   # {0: ImportField.NAME, 2: ImportField.COUNTRIES, ...}
    mapping = map_columns(table, overrides={"Beløp": "spend"})
    parse_amount("kr 1 234 567,50")  # 1234568
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from xml.etree import ElementTree

from charset_normalizer import from_bytes
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries

from storage.errors import SupplierListUnreadable

HEADER_SEARCH_ROWS = 10
SNIFF_LINES = 20
DELIMITERS = (";", ",", "\t")
TEXT_ENCODINGS = ["utf_8", "cp1252", "latin_1", "utf_16"]
MAX_CONTROL_SHARE = 0.01
"""More control characters than this share of the text: not a text file (binary junk)."""
CURRENCY_WORDS = frozenset({"kr", "nok", "sek", "dkk", "eur", "usd", "gbp", "kroner"})
_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class ImportField(StrEnum):
    """What a column of a supplier list holds."""

    NAME = "name"
    ORG_NUMBER = "org_number"
    COUNTRIES = "countries"
    CATEGORY = "category"
    DESCRIPTION = "description"
    SPEND = "spend"
    EMAIL = "email"


ALIASES: dict[ImportField, tuple[str, ...]] = {
    ImportField.NAME: (
        *("navn", "leverandør", "leverandørnavn", "leverandørens navn", "firmanavn", "firma"),
        *("name", "supplier", "supplier name", "vendor", "vendor name", "company name"),
        *("leverantör", "leverantörsnamn"),
    ),
    ImportField.ORG_NUMBER: (
        *("organisasjonsnummer", "org.nr.", "orgnr", "org nr", "organisasjonsnr", "foretaksnr"),
        *("mva-nummer", "mva nr", "organisation number", "organization number", "org number"),
        *("company number", "company no", "registration number", "vat", "vat number", "vat no"),
        "organisationsnummer",
    ),
    ImportField.COUNTRIES: (
        *("land", "produksjonsland", "opprinnelsesland", "leveringsland"),
        *("country", "countries", "country of origin", "countries of production", "länder"),
    ),
    ImportField.CATEGORY: (
        *("kategori", "varekategori", "produktkategori", "vareslag", "innkjøpskategori"),
        *("category", "product category", "spend category", "commodity"),
    ),
    ImportField.DESCRIPTION: (
        *("beskrivelse", "varebeskrivelse", "produkter", "varer", "hva vi kjøper", "beskrivning"),
        *("description", "products", "product description", "goods", "what we buy"),
    ),
    ImportField.SPEND: (
        *("innkjøp", "årlig innkjøp", "innkjøpsvolum", "innkjøpsbeløp", "beløp", "kjøp"),
        *("spend", "annual spend", "purchases", "annual purchases", "amount", "inköp"),
    ),
    ImportField.EMAIL: (
        *("e-post", "epost", "kontakt", "kontakt e-post", "kontaktperson e-post", "e-postadresse"),
        *("email", "e-mail", "contact", "contact e-mail", "contact email", "mail"),
    ),
}


@dataclass(frozen=True, slots=True)
class TableRow:
    """One data row: its number in the file (1 for the first line or sheet row), its cells."""

    number: int
    cells: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SupplierTable:
    """A supplier list read: header, data rows as text, and the columns recognised."""

    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    mapping: dict[int, ImportField] = field(default_factory=dict)
    kind: str = "csv"
    encoding: str | None = None
    delimiter: str | None = None


def read_supplier_list(data: bytes, *, max_bytes: int | None = None) -> SupplierTable:
    """The supplier list in `data` (CSV or XLSX), or SupplierListUnreadable with a reason code
    ("too_large", "empty", "not_text", "bad_xlsx")."""
    if max_bytes is not None and len(data) > max_bytes:
        raise SupplierListUnreadable("too_large")
    if not data.strip():
        raise SupplierListUnreadable("empty")
    if data.startswith(b"PK\x03\x04"):
        grid, kind, encoding, delimiter = _xlsx_rows(data), "xlsx", None, None
    else:
        text, encoding = _decode(data)
        delimiter = _sniff_delimiter(text)
        grid, kind = list(_csv_rows(text, delimiter=delimiter)), "csv"
    return _to_table(grid, kind=kind, encoding=encoding, delimiter=delimiter)


def map_columns(
    table: SupplierTable, *, overrides: Mapping[str, str] | None = None
) -> dict[int, ImportField]:
    """The detected mapping with a person's choices on top: `{"Header": "field"}`, where an
    empty field (or "ignore") leaves that column out. Unknown headers or fields are refused
    with SupplierListUnreadable("unknown_column" / "unknown_field")."""
    mapping = dict(table.mapping)
    by_header = {_key(header): index for index, header in enumerate(table.headers)}
    for header, name in (overrides or {}).items():
        index = by_header.get(_key(header))
        if index is None:
            raise SupplierListUnreadable("unknown_column", detail=header)
        if name.strip().lower() in {"", "ignore", "-"}:
            mapping.pop(index, None)
            continue
        if name.strip() not in set(ImportField):
            raise SupplierListUnreadable("unknown_field", detail=name)
        chosen = ImportField(name.strip())
        mapping = {i: f for i, f in mapping.items() if f != chosen}
        mapping[index] = chosen
    return dict(sorted(mapping.items()))


def parse_amount(text: str) -> int | None:
    """An amount as whole currency units, rounded half up; None when the cell is empty.

    Understands "1 234 567,50", "1.234.567,50", "1,234,567.50", "kr 12 000", "12 000,-" and
    "NOK 12000". A single separator followed by exactly three digits groups thousands
    ("12,000" and "12.000" are twelve thousand); any other is the decimal mark. Raises
    ValueError for text that is not an amount, or a negative one.
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().casefold()
    if not cleaned:
        return None
    words = [word for word in re.split(r"\s+", cleaned) if word not in CURRENCY_WORDS]
    number = "".join(words).replace("'", "").removesuffix(",-").removesuffix(".-")
    for currency in CURRENCY_WORDS:
        number = number.removeprefix(currency).removesuffix(currency)
    if not re.fullmatch(r"\d[\d.,]*", number):
        raise ValueError(text)
    number = _decimal_point(number)
    try:
        value = Decimal(number)
    except InvalidOperation as error:
        raise ValueError(text) from error
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def header_key(text: str) -> str:
    """A column name as compared with the aliases: case, accents, punctuation, years and
    currency codes dropped ("Årlig innkjøp 2025 (NOK)" -> "arliginnkjop")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ø", "o").replace("æ", "ae"))
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = re.findall(r"[^\W_]+", plain)
    return "".join(word for word in words if not word.isdigit() and word not in CURRENCY_WORDS)


_ALIAS_KEYS: dict[str, ImportField] = {
    header_key(alias): name for name, aliases in ALIASES.items() for alias in aliases
}


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _decimal_point(number: str) -> str:
    """`number` with thousands separators dropped and a `.` as the decimal mark."""
    marks = [char for char in number if char in ".,"]
    if not marks:
        return number
    if len(set(marks)) == 2:
        decimal = number.rfind(".") if number.rfind(".") > number.rfind(",") else number.rfind(",")
        whole = re.sub(r"[.,]", "", number[:decimal])
        return f"{whole}.{number[decimal + 1 :]}"
    mark = marks[0]
    parts = number.split(mark)
    if len(parts) > 2 or len(parts[-1]) == 3:
        if not all(len(part) == 3 for part in parts[1:]):
            raise ValueError(number)
        return "".join(parts)
    return ".".join(parts)


def _decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in; binary junk is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf_16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf_8_sig"
    else:
        best = from_bytes(data, cp_isolation=TEXT_ENCODINGS).best()
        encoding = best.encoding if best is not None else "cp1252"
        if encoding == "latin_1" and _decodes(data, "cp1252"):
            encoding = "cp1252"  # a superset in use: "€" and "–" instead of control codes
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise SupplierListUnreadable("not_text") from error
    controls = sum(
        1 for char in text if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    if controls > MAX_CONTROL_SHARE * len(text):
        raise SupplierListUnreadable("not_text")
    return text, encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most equal, widest rows."""
    sample = [line for line in text.splitlines()[:SNIFF_LINES] if line.strip()]

    def score(delimiter: str) -> tuple[int, int]:
        widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        widest = max(widths, default=1)
        return (sum(1 for width in widths if width == widest) if widest > 1 else 0, widest)

    return max(DELIMITERS, key=score)


def _csv_rows(text: str, *, delimiter: str) -> Iterable[list[str]]:
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows as text, merged cells filled with their top-left value."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            merged = _merged_ranges(data, sheet._worksheet_path)  # where the sheet sits in the zip
            grid = [
                [_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    except SupplierListUnreadable:
        raise
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SupplierListUnreadable("bad_xlsx") from error
    for min_col, min_row, max_col, max_row in merged:
        if min_row > len(grid):
            continue
        top = grid[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else ""
        for row_number in range(min_row, min(max_row, len(grid)) + 1):
            row = grid[row_number - 1]
            row.extend([""] * (max_col - len(row)))
            for column in range(min_col, max_col + 1):
                row[column - 1] = value
    return grid


def _merged_ranges(data: bytes, path: str) -> list[tuple[int, int, int, int]]:
    """The merged ranges of one sheet, streamed from its XML (read-only mode drops them)."""
    ranges = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as sheet:
        for _, element in ElementTree.iterparse(sheet):
            if element.tag == f"{_SHEET_NS}mergeCell":
                ranges.append(range_boundaries(element.get("ref", "")))
            element.clear()
    return ranges


def _cell_text(value: object) -> str:
    """A spreadsheet value as the text a person sees."""
    if value is None:
        return ""
    if isinstance(value, float):
        # two decimals at most, so a number cell never looks like "1.234" (thousands?)
        return str(int(value)) if value.is_integer() else f"{value:.2f}"
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _to_table(
    grid: list[list[str]], *, kind: str, encoding: str | None, delimiter: str | None
) -> SupplierTable:
    """Find the header among the first rows and keep the non-empty rows below it."""
    numbered = [(number, [cell.strip() for cell in row]) for number, row in enumerate(grid, 1)]
    numbered = [(number, row) for number, row in numbered if any(row)]
    if not numbered:
        raise SupplierListUnreadable("empty")
    width = max(len(row) for _, row in numbered)
    numbered = [(number, row + [""] * (width - len(row))) for number, row in numbered]
    best = (-1, 0, 1, [], {})  # score, start, header rows, headers, mapping
    for start in range(min(HEADER_SEARCH_ROWS, len(numbered))):
        upper = numbered[start][1]
        single = _fields_of([upper])
        if len(single) > best[0]:
            best = (len(single), start, 1, upper, single)
        if start + 1 < len(numbered):
            lower = numbered[start + 1][1]
            double = _fields_of([lower, upper])
            if len(double) > max(len(single), len(_fields_of([lower])), best[0]):
                best = (len(double), start, 2, _joined(upper, lower), double)
    _, start, height, headers, mapping = best
    rows = tuple(
        TableRow(number=number, cells=tuple(row)) for number, row in numbered[start + height :]
    )
    return SupplierTable(
        headers=tuple(header or f"#{index + 1}" for index, header in enumerate(headers)),
        rows=rows,
        mapping=dict(sorted(mapping.items())),
        kind=kind,
        encoding=encoding,
        delimiter=delimiter,
    )


def _fields_of(levels: list[list[str]]) -> dict[int, ImportField]:
    """The fields header rows name, each once: the first level's names go first (the lower
    row of two), left to right, then the next level's for columns still free."""
    mapping: dict[int, ImportField] = {}
    for cells in levels:
        for index, cell in enumerate(cells):
            found = _ALIAS_KEYS.get(header_key(cell))
            if found and index not in mapping and found not in mapping.values():
                mapping[index] = found
    return mapping


def _joined(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: "Leverandør / Navn", or one of them where they agree."""
    return [
        f"{top} / {bottom}" if top and bottom and top != bottom else top or bottom
        for top, bottom in zip(upper, lower, strict=True)
    ]
