"""`aktsom sample-register`: fill an empty register with the fictitious sample suppliers.

The bundled sample documents describe three made-up suppliers (Nordvev Tekstil AS, Blue
Fjord Seafood Ltd, Elektra Komponent AB). This puts them in the register with what a team
would have recorded about them (annual spend and contact e-mail included), through the same
core flows the chat and web use, so the dashboard, the statistics, the prioritised list and
the § 5 draft can be tried at once. It refuses a register that already holds suppliers.

`sample_suppliers.csv` beside this module is a small supplier list as an ERP exports it
(Norwegian column names, `;`, decimal commas), to try `aktsom suppliers import` on.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import typer

from bot.cli import app
from bot.cli.errors import exit_on_error, stderr
from bot.core import report, requests, tasks
from bot.core.context import Core, open_core
from bot.core.people import Person
from bot.core.report import ReportForm
from bot.core.requests import PublicRequestForm
from bot.core.review import ReviewAction, act
from bot.core.tasks import TaskForm
from bot.settings import load_settings
from storage.models import Channel, DeviationType
from storage.services.deviations import DeviationCreate, create_deviation
from storage.services.suppliers import SupplierCreate, create_supplier, list_suppliers

SUPPLIERS = (
    SupplierCreate(
        name="Nordvev Tekstil AS",
        org_number="923456781",
        countries=["BD", "TR"],
        product_categories=["Arbeidstøy, fottøy og tekstil"],
        description="Arbeidsklær, t-skjorter og arbeidsbukser i bomull",
        annual_spend=4_850_000,
        contact_email="baerekraft@nordvev.example",
    ),
    SupplierCreate(
        name="Blue Fjord Seafood Ltd",
        countries=["TH"],
        product_categories=["Mat og drikke"],
        description="Frosne reker og sjømat til kantinene",
        annual_spend=1_920_000,
        contact_email="compliance@bluefjord.example",
    ),
    SupplierCreate(
        name="Elektra Komponent AB",
        org_number="5560123456",
        countries=["MY", "SE"],
        product_categories=["Kjøp av IKT-produkter"],
        description="Laptops, skjermer og mobiltelefoner",
        annual_spend=3_275_500,
        contact_email="csr@elektra.example",
    ),
)
"""The three sample suppliers, as `sample_suppliers.csv` (the sample supplier list, with
more suppliers) also describes them, so importing that list after this changes none of them."""
SAMPLE_LIST = Path(__file__).with_name("sample_suppliers.csv")
"""A supplier list as an ERP exports it, Norwegian column names: `aktsom suppliers import`."""


@app.command("sample-register")
def sample_register() -> None:
    """Fill an empty register with the sample suppliers, tasks, a case and a request."""
    settings = load_settings()
    with exit_on_error():
        core = open_core(settings, seed=False)
    member = Person("cli", settings.cli_user, "nb", compliance=True)
    try:
        with core.session() as session:
            if list_suppliers(session, principal=member.principal):
                stderr.print("Error: the register already holds suppliers.", markup=False)
                raise typer.Exit(1)
        fill(core, member)
    finally:
        core.close()
    print("The register now holds the sample suppliers, tasks, a deviation, a case and a request.")


def fill(core: Core, member: Person) -> None:
    """Record the sample suppliers and what the team found and did about them."""
    now = core.now()
    ids = {}
    with core.session() as session:
        for data in SUPPLIERS:
            created = create_supplier(
                session, principal=member.principal, data=data, reference=core.reference
            )
            ids[data.name] = created.id
        create_deviation(
            session,
            principal=member.principal,
            data=DeviationCreate(
                supplier_id=ids["Nordvev Tekstil AS"],
                type=DeviationType.WORKING_HOURS,
                description="Overtid ut over 60 timer i uka i høysesong ved syfabrikken.",
                supply_chain_location="Syfabrikk, Gazipur, Bangladesh",
                measures="Korrigerende tiltaksplan med månedlig rapportering av timelister.",
            ),
        )
    for supplier, kind, title, days in (
        (
            "Nordvev Tekstil AS",
            "corrective_action_plan",
            "Følg opp tiltaksplanen for arbeidstid",
            30,
        ),
        ("Blue Fjord Seafood Ltd", "audit", "Tredjepartsrevisjon av fartøyene", 90),
        (
            "Elektra Komponent AB",
            "document_request",
            "Dokumenter refusjon av rekrutteringsgebyrer",
            -5,
        ),
    ):
        due = (now + timedelta(days=days)).date()
        form = TaskForm(supplier=supplier, title=title, kind=kind, due=due)
        tasks.create(core, person=member, form=form)
    case = report.submit(
        core,
        person=Person("web", "sample", "nb"),
        form=ReportForm(
            description="Migrantarbeidere i fabrikken i Penang sier de har betalt høye "
            "rekrutteringsgebyrer.",
            category="forced_labour",
            supplier="Elektra Komponent AB",
            country="Malaysia",
        ),
        channel=Channel.CLI,
    )
    act(core, person=member, reference=case.reference, action=ReviewAction.ACKNOWLEDGE)
    requests.submit(
        core,
        person=Person("web", "sample", "nb"),
        form=PublicRequestForm(
            requester="Kari Nordmann",
            contact="kari@example.no",
            question="Hvordan følger dere opp arbeidstiden ved fabrikkene som syr arbeidsklærne?",
            concerns="Arbeidsklær fra Nordvev Tekstil AS",
        ),
    )
