"""The dashboard's supplier import over real HTTP: upload, preview (columns, first rows, the
dry run's counts and bad rows), remap, confirm; the prioritised view, its export, and the
method in the § 5 draft."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook

from bot.core import annual_account
from bot.core.context import Core
from bot.core.people import Person
from bot.core.priorities import method
from bot.core.supplier_import import UPLOAD_FOLDER
from bot.web.app import create_app
from storage.services.suppliers import list_suppliers
from tests.bot.conftest import fixed_clock
from tests.bot.webclient import OFFICER, csrf, sign_in
from tests.fakes.asgi_server import serve

MEMBER = Person("slack", OFFICER, "en", compliance=True)
NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
LIST = (
    "Leverandørnavn;Org.nr.;Land;Varebeskrivelse;Årlig innkjøp;E-post\n"
    "Nordvev Tekstil AS;923456781;Bangladesh;Arbeidsklær i bomull;2 000 000;a@nordvev.example\n"
    "Fjordrevisjon AS;987654321;Norge;Revisjon;8 000 000;\n"
    "Rart Beløp AS;912000111;Norge;;mye;\n"
).encode("cp1252")


@pytest.fixture
def site(core: Core) -> Iterator[str]:
    core.clock = fixed_clock(NOW)
    members = lambda platform, user: (platform, user) == ("slack", OFFICER)  # noqa: E731
    with serve(create_app(core, members=members)) as url:
        yield url


@pytest.fixture
def browser(site: str, core: Core) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30, follow_redirects=True) as client:
        sign_in(client, core, site)
        yield client


def registered(core: Core) -> list[str]:
    with core.session() as session:
        return sorted(s.name for s in list_suppliers(session, principal=MEMBER.principal))


def upload(browser: httpx.Client, name: str, content: bytes) -> httpx.Response:
    page = browser.get("/suppliers?lang=en")
    return browser.post(
        "/suppliers/import?lang=en",
        data={"csrf": csrf(page)},
        files={"file": (name, content, "application/octet-stream")},
    )


def kept(core: Core) -> list[str]:
    folder = core.uploads_dir / UPLOAD_FOLDER
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def texts(page: httpx.Response, selector: str) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return [cell.get_text(" ", strip=True) for cell in soup.select(selector)]


def choices(page: httpx.Response) -> dict[str, str]:
    soup = BeautifulSoup(page.text, "html.parser")
    found = {}
    for select in soup.select("#mapping select"):
        chosen = select.find("option", selected=True)
        found[select["name"]] = chosen["value"] if chosen else ""
    return found


def test_upload_preview_confirm_imports_the_list(browser: httpx.Client, core: Core) -> None:
    preview = upload(browser, "leverandører.csv", LIST)

    assert preview.status_code == 200 and "/suppliers/import/" in str(preview.url)
    assert choices(preview) == {
        "col_0": "name",
        "col_1": "org_number",
        "col_2": "countries",
        "col_3": "description",
        "col_4": "spend",
        "col_5": "email",
    }
    assert texts(preview, "#counts") == [
        "3 rows: 2 new suppliers, 0 changed, 0 unchanged, 1 rejected."
    ]
    assert texts(preview, "#rejected tbody tr") == ['4 The spend is not an amount: "mye".']
    assert "Nordvev Tekstil AS" in texts(preview, "#first-rows tbody td")
    assert registered(core) == []  # the preview wrote nothing
    assert len(kept(core)) == 2  # the file and its name, under a random token

    done = browser.post(
        str(preview.url), data={"csrf": csrf(preview), "action": "confirm", **choices(preview)}
    )

    assert done.url.path == "/suppliers/prioritised"
    assert "Imported: 2 new, 0 changed, 0 unchanged, 1 rejected." in done.text
    assert registered(core) == ["Fjordrevisjon AS", "Nordvev Tekstil AS"]
    assert kept(core) == []  # deleted after the import
    again = browser.get(preview.url)
    assert again.status_code == 404 and "no longer here" in again.text


def test_a_column_is_remapped_in_the_preview_before_confirming(
    browser: httpx.Client, core: Core
) -> None:
    content = b"Motpart;Land\nNordvev Tekstil AS;Bangladesh\n"
    preview = upload(browser, "list.csv", content)

    assert choices(preview) == {"col_0": "", "col_1": "countries"}
    assert texts(preview, ".error") == ["No column is chosen as the supplier's name; choose one."]
    assert 'value="confirm"' not in preview.text

    remapped = browser.post(
        str(preview.url),
        data={"csrf": csrf(preview), "action": "remap", "col_0": "name", "col_1": "countries"},
    )
    assert texts(remapped, "#counts") == [
        "1 rows: 1 new suppliers, 0 changed, 0 unchanged, 0 rejected."
    ]
    browser.post(
        str(preview.url),
        data={"csrf": csrf(remapped), "action": "confirm", **choices(remapped)},
    )
    assert registered(core) == ["Nordvev Tekstil AS"]


def test_an_xlsx_with_a_title_and_merged_header_is_previewed(
    browser: httpx.Client, core: Core
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        ["Leverandører 2026"],
        ["Leverandør", None, "Land", "Innkjøp"],
        ["Navn", "Org.nr.", None, "2025"],
        ["Elektra Komponent AB", "5560123456", "Malaysia", 1250000],
    ):
        sheet.append(row)
    for cells in ("A1:C1", "A2:B2", "C2:C3"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = upload(browser, "list.xlsx", buffer.getvalue())

    assert choices(preview) == {
        "col_0": "name",
        "col_1": "org_number",
        "col_2": "countries",
        "col_3": "spend",
    }
    assert texts(preview, "#mapping tbody th") == [
        "Leverandør / Navn",
        "Leverandør / Org.nr.",
        "Land",
        "Innkjøp / 2025",
    ]


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"x" * (2 * 2**20 + 1), "The file is too large."),
        (bytes(range(256)) * 50, "neither CSV text nor an Excel workbook"),
        (b"PK\x03\x04broken", "The Excel file cannot be read"),
        (b"", "The file is empty."),
    ],
    ids=["over-the-limit", "binary-junk", "corrupt-xlsx", "empty"],
)
def test_a_bad_upload_is_told_on_the_supplier_page_and_not_kept(
    browser: httpx.Client, core: Core, content: bytes, said: str
) -> None:
    page = upload(browser, "list.csv", content)

    assert page.url.path == "/suppliers"
    assert said in page.text
    assert kept(core) == []


def test_every_import_form_needs_the_csrf_token(browser: httpx.Client, core: Core) -> None:
    refused = browser.post(
        "/suppliers/import", data={"csrf": "forged"}, files={"file": ("a.csv", LIST)}
    )
    assert refused.status_code == 403 and kept(core) == []

    preview = upload(browser, "a.csv", LIST)
    forged = browser.post(
        str(preview.url), data={"csrf": "forged", "action": "confirm", **choices(preview)}
    )
    assert forged.status_code == 403 and registered(core) == []


@pytest.mark.parametrize("token", ["0" * 32, "..%2F..%2Faktsom.db", "short"])
def test_an_unknown_or_crafted_token_is_not_found(browser: httpx.Client, token: str) -> None:
    page = browser.get(f"/suppliers/import/{token}")
    assert page.status_code == 404


def test_the_prioritised_view_states_the_method_and_ranks_with_reasons(
    browser: httpx.Client, core: Core
) -> None:
    preview = upload(browser, "list.csv", LIST)
    browser.post(
        str(preview.url), data={"csrf": csrf(preview), "action": "confirm", **choices(preview)}
    )

    page = browser.get("/suppliers/prioritised?lang=en")

    assert texts(page, "#method") == [method("en")]
    rows = BeautifulSoup(page.text, "html.parser").select("#priorities tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in row.find_all("td")] for row in rows]
    assert [row[:5] for row in cells] == [
        ["1", "Nordvev Tekstil AS", "Very high", "2,000,000", "20.0 %"],
        ["2", "Fjordrevisjon AS", "Medium", "8,000,000", "80.0 %"],
    ]
    assert "mentions" in cells[0][5] and "20.0 % of annual spend." in cells[0][5]


def test_the_prioritised_export_lists_rank_share_and_reasons(
    browser: httpx.Client, core: Core
) -> None:
    preview = upload(browser, "list.csv", LIST)
    browser.post(
        str(preview.url), data={"csrf": csrf(preview), "action": "confirm", **choices(preview)}
    )
    assert "/exports/priorities.xlsx" in browser.get("/exports?lang=en").text

    download = browser.get("/exports/priorities.csv?lang=en")

    rows = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    header = rows[0]
    assert header[:3] == ["Priority", "Supplier", "Organisation number"]
    assert [row[1] for row in rows[1:]] == ["Nordvev Tekstil AS", "Fjordrevisjon AS"]
    assert rows[1][header.index("Share of spend (%)")] == "20.0"
    assert "20.0 % of annual spend." in rows[1][header.index("Reasons")]
    assert browser.get("/exports/priorities.xlsx").status_code == 200


def test_the_account_draft_states_the_prioritisation_method(core: Core) -> None:
    draft = annual_account.draft(core, person=MEMBER, year=2026, lang="en")
    text = annual_account.to_markdown(draft)
    assert method("en") in text
    assert "the description is mapped to a DFØ category" in text


def test_an_imported_supplier_shows_spend_contact_and_the_match_reason(
    browser: httpx.Client, core: Core
) -> None:
    preview = upload(browser, "list.csv", LIST)
    done = browser.post(
        str(preview.url), data={"csrf": csrf(preview), "action": "confirm", **choices(preview)}
    )
    link = BeautifulSoup(done.text, "html.parser").select_one("#priorities tbody tr a")["href"]

    page = browser.get(link)

    assert texts(page, "#spend") == ["2,000,000"]
    assert "a@nordvev.example" in page.text
    reasons = texts(page, "#reasons li")
    assert any(
        reason.startswith('The description "Arbeidsklær i bomull" mentions "arbeidsklær, bomull"')
        for reason in reasons
    )
