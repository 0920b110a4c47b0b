"""A small three-language corpus written for the answer and CLI tests."""

from __future__ import annotations

from pathlib import Path

GUIDE_NB = """---
title: Rutine for informasjonskrav
kind: guidance
---
# Informasjonskrav

Alle kan kreve informasjon fra virksomheten om hvordan den håndterer faktiske og potensielle
negative konsekvenser for grunnleggende menneskerettigheter. Virksomheten må svare skriftlig
på et informasjonskrav senest tre uker etter at kravet er mottatt. Dersom informasjonen er
særlig omfattende, kan fristen forlenges til to måneder, og den som spør må få beskjed om
forlengelsen innen tre uker.

# Avslag

Et avslag må alltid begrunnes med hjemmel. Den som får avslag kan kreve en nærmere
begrunnelse innen tre uker.
"""

REPORT_EN = """---
title: Audit of Harbour Knitwear
kind: supplier_report
supplier: Harbour Knitwear
---
# Findings

The audit of factory KX-77 in Izmir found two locked fire exits on the second floor.
Workers reported overtime of up to 72 hours a week during the peak season.

# Corrective action plan

Harbour Knitwear agreed to unlock all fire exits within one week and to cap overtime at
60 hours a week by 1 March. A follow-up audit is scheduled for April.
"""

REPORT_SV = """---
title: Uppföljning av Norrsken Elektronik
kind: supplier_report
supplier: Norrsken Elektronik
---
# Rekryteringsavgifter

Migrantarbetare på fabriken i Penang hade betalat rekryteringsavgifter till agenter i
hemlandet. Norrsken Elektronik har lovat att återbetala avgifterna till samtliga
arbetstagare före årets slut.
"""


def write_corpus(directory: Path) -> Path:
    """Write the three documents into `directory` and return it."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "informasjonskrav.md").write_text(GUIDE_NB, encoding="utf-8")
    (directory / "harbour-knitwear.md").write_text(REPORT_EN, encoding="utf-8")
    (directory / "norrsken.md").write_text(REPORT_SV, encoding="utf-8")
    return directory
