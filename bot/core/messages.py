"""Every word the bots show people, Norwegian (bokmål) and English side by side.

Adapters never hold prose: they ask for a text by key in the person's language::

    text("nb", "report.received", reference="AK-2026-0001")
    label("en", CaseStatus.ACKNOWLEDGED)        # "Acknowledged"
    explain("nb", error)                        # what went wrong and what to do

`tests/bot/test_messages.py` formats every key in both languages, so a missing translation
or a wrong placeholder fails a test, not a user.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from bot.core import swedish
from bot.core.errors import Busy, CoreError, FormInvalid, NotAllowed
from bot.core.people import Lang
from ingestion.errors import IngestionError
from knowledge.errors import KnowledgeError
from storage import errors as storage_errors
from storage.models import (
    CaseCategory,
    CaseOutcome,
    CaseStatus,
    DeviationStatus,
    DeviationType,
    InformationRequestStatus,
    TaskKind,
    TaskStatus,
)
from storage.risk import LEVEL_NAMES

_NB_MONTHS = ("jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des")

TEXTS: dict[str, tuple[str, str]] = {
    # Asking
    "ask.working": ("Ser etter svar i kildene …", "Looking through the sources …"),
    "ask.empty": (
        "Skriv spørsmålet ditt etter kommandoen, f.eks. `/aktsom ask Hva er fristen for å svare "
        "på et informasjonskrav?`",
        "Write your question after the command, e.g. `/aktsom ask What is the deadline for "
        "answering an information request?`",
    ),
    "ask.feedback": ("Var svaret nyttig?", "Was this answer helpful?"),
    "ask.vote_thanks": (
        "Takk! Stemmer så langt: {up} 👍 / {down} 👎.",
        "Thank you! Votes so far: {up} 👍 / {down} 👎.",
    ),
    "ask.report_offer": (
        "Vil du melde fra om et mulig brudd? Det gjør du i et eget skjema, ikke i chatten, "
        "og du kan være anonym.",
        "Do you want to report a possible violation? You do that in a separate form, not in "
        "the chat, and you can stay anonymous.",
    ),
    "button.report": ("Meld fra", "Report a concern"),
    "button.helpful": ("👍 Nyttig", "👍 Helpful"),
    "button.not_helpful": ("👎 Ikke nyttig", "👎 Not helpful"),
    # Reporting
    "report.title": ("Meld fra om et brudd", "Report a concern"),
    "report.submit": ("Send", "Send"),
    "report.cancel": ("Avbryt", "Cancel"),
    "report.close": ("Lukk", "Close"),
    "report.category": ("Hva gjelder det?", "What is it about?"),
    "report.supplier": ("Leverandør eller forretningspartner", "Supplier or business partner"),
    "report.supplier_hint": (
        "Navnet, hvis du vet det. Kjente leverandører kobles til registeret.",
        "The name, if you know it. Known suppliers are linked to the register.",
    ),
    "report.country": ("Land", "Country"),
    "report.country_hint": ("F.eks. Bangladesh eller BD.", "E.g. Bangladesh or BD."),
    "report.description": ("Hva skjedde?", "What happened?"),
    "report.description_hint": (
        "Beskriv det du vet: hva, hvor, hvem som er berørt. Ikke skriv navn på deg selv "
        "hvis du vil være anonym.",
        "Describe what you know: what, where, who is affected. Leave out your own name if "
        "you want to stay anonymous.",
    ),
    "report.when": ("Når skjedde det?", "When did it happen?"),
    "report.when_hint": ("F.eks. «mars 2026» eller «pågår».", "E.g. “March 2026” or “ongoing”."),
    "report.anonymous": ("Send anonymt", "Send anonymously"),
    "report.anonymous_hint": (
        "Anonymt: saken lagrer ikke hvem du er, og du følger den med en kvitteringskode.",
        "Anonymous: the case does not store who you are; you follow it with a receipt code.",
    ),
    "report.privacy": (
        "*Hva som forblir privat:* Det du skriver, lagres kryptert og leses bare av "
        "compliance-teamet. Det legges aldri ut i en kanal, en melding eller chat-historikken. "
        "Er du anonym, lagres ingen bruker-ID sammen med saken.\n*Hva {platform} likevel "
        "registrerer:* at du brukte appen og når, ikke hva du skrev.",
        "*What stays private:* what you write is stored encrypted and read only by the "
        "compliance team. It is never posted to a channel, a message or the chat history. "
        "If you stay anonymous, no user id is stored with the case.\n*What {platform} still "
        "records:* that you used the app and when, not what you wrote.",
    ),
    "report.storing": (
        "Lagrer saken … Kvitteringskoden din vises her om noen sekunder. Ikke lukk vinduet.",
        "Storing your report … Your receipt code appears here in a few seconds. Do not close "
        "this window.",
    ),
    "report.store_failed": (
        "Saken kunne ikke lagres: {reason} Teksten din står i skjemaet; send på nytt.",
        "The report could not be stored: {reason} Your text is still in the form; send again.",
    ),
    "platform.terminal": ("terminalen", "the terminal"),
    "report.received_title": ("Takk, saken er mottatt", "Thank you, your report is in"),
    "report.received": ("Saksnummer: *{reference}*", "Case reference: *{reference}*"),
    "report.receipt": (
        "Kvitteringskode: *{code}*\nSkriv den ned nå: den vises bare denne ene gangen og "
        "kan ikke hentes fram igjen. Med koden ser du status og svar fra compliance-teamet "
        "(`/aktsom status`).",
        "Receipt code: *{code}*\nWrite it down now: it is shown only this once and cannot be "
        "retrieved. With it you can see the status and answers from the compliance team "
        "(`/aktsom status`).",
    ),
    "report.deadlines": (
        "Du får bekreftet mottak innen {acknowledge} og en tilbakemelding innen {feedback}.",
        "Receipt will be acknowledged by {acknowledge}, and you will get feedback by {feedback}.",
    ),
    "report.linked": (
        "Saken er koblet til leverandøren {supplier} i registeret.",
        "The case is linked to the supplier {supplier} in the register.",
    ),
    "report.notice": (
        "Ny sak *{reference}* ({category}, via {channel}). Kvitter mottak innen {acknowledge}; "
        "tilbakemelding innen {feedback}.",
        "New case *{reference}* ({category}, via {channel}). Acknowledge by {acknowledge}; "
        "feedback by {feedback}.",
    ),
    "error.description_required": ("Beskriv hva som skjedde.", "Describe what happened."),
    "error.description_too_long": (
        "Teksten er for lang (høyst {limit} tegn).",
        "The text is too long (at most {limit} characters).",
    ),
    "error.category_required": ("Velg hva det gjelder.", "Choose what it is about."),
    "error.unknown_country": (
        "Ukjent land. Skriv navnet (f.eks. Bangladesh) eller landkoden (BD).",
        "Unknown country. Write the name (e.g. Bangladesh) or the code (BD).",
    ),
    "error.too_long": ("For langt (høyst {limit} tegn).", "Too long (at most {limit} characters)."),
    # Public web pages
    "web.report.kept": (
        "Denne siden lagrer ikke IP-adressen din, nettleseren din eller noe annet som viser "
        "hvem du er. Det du skriver, lagres kryptert og leses bare av compliance-teamet. Med "
        "kvitteringskoden følger du saken og kan svare på spørsmål, uten å oppgi navn.",
        "This page does not store your IP address, your browser or anything else that shows "
        "who you are. What you write is stored encrypted and read only by the compliance team. "
        "With the receipt code you follow the case and can answer questions, without giving "
        "your name.",
    ),
    "web.report.receipt_note": (
        "Dette er kvitteringskoden din. Skriv den ned nå: den vises bare denne ene gangen og "
        "kan ikke hentes fram igjen. Med den ser du status og svar fra compliance-teamet.",
        "This is your receipt code. Write it down now: it is shown only this once and cannot "
        "be retrieved. With it you see the status and answers from the compliance team.",
    ),
    "web.report.follow": ("Følg en sak du har meldt", "Follow a case you reported"),
    "web.report.status_link": (
        "Har du en kvitteringskode? Følg saken her.",
        "Have a receipt code? Follow your case here.",
    ),
    "web.form_expired": (
        "Skjemaet var utløpt eller ugyldig. Ingenting er lagret; prøv igjen.",
        "The form had expired or was not valid. Nothing was stored; try again.",
    ),
    "web.signin.link": (
        "Din innloggingslenke til aktsom (virker én gang, i ti minutter; del den ikke): {link}",
        "Your sign-in link to aktsom (works once, for ten minutes; do not share it): {link}",
    ),
    "web.signin.title": ("Logg inn på aktsom", "Sign in to aktsom"),
    "web.signin.confirm": (
        "Trykk for å logge inn. Lenken virker én gang og i ti minutter.",
        "Press to sign in. The link works once, for ten minutes.",
    ),
    "web.signin.button": ("Logg inn", "Sign in"),
    "web.signin.invalid": (
        "Lenken er utløpt, allerede brukt eller ugyldig. Be om en ny med `/aktsom dashboard`.",
        "The link has expired, was already used or is not valid. Ask for a new one with "
        "`/aktsom dashboard`.",
    ),
    "web.forbidden": (
        "Dette er compliance-teamets sider. Du er ikke med i teamet; forsøket er logget.",
        "These are the compliance team's pages. You are not on the team; the attempt has been "
        "logged.",
    ),
    "web.signed_out": ("Du er ikke logget inn.", "You are not signed in."),
    "web.cases.title": ("Saker", "Cases"),
    "web.cases.age": ("Dager", "Days"),
    "web.cases.next_due": ("Neste frist", "Next deadline"),
    "web.cases.overdue": ("FORFALT", "OVERDUE"),
    "web.case.actions": ("Behandling", "Handling"),
    "web.case.acknowledge_by": ("Bekreft mottak innen", "Acknowledge receipt by"),
    "web.case.feedback_by": ("Tilbakemelding innen", "Feedback by"),
    "web.case.done_on": ("gjort {day}", "done {day}"),
    "web.signout": ("Logg ut", "Sign out"),
    "web.filter.open": ("Alle åpne", "All open"),
    "web.filter.all": ("Alle", "All"),
    "web.filter.due": ("Frist", "Deadline"),
    "web.filter.due_days": ("Innen {days} dager", "Within {days} days"),
    "web.filter.overdue": ("Forfalt", "Overdue"),
    "web.filter.apply": ("Vis", "Show"),
    "web.supplier.min_risk": ("Risiko fra", "Risk from"),
    "web.supplier.none": ("Ingen leverandører i registeret.", "No suppliers in the register."),
    "web.supplier.countries": ("Land", "Countries"),
    "web.supplier.categories": ("Varekategorier", "Product categories"),
    "web.supplier.org_number": ("Organisasjonsnummer", "Organisation number"),
    "web.supplier.risk": ("Risikonivå", "Risk level"),
    "web.supplier.manual": ("satt manuelt", "set by hand"),
    "web.supplier.derived": ("Utledet nivå", "Derived level"),
    "web.supplier.reasons": ("Hvorfor dette nivået", "Why this level"),
    "web.supplier.override": ("Overstyr risikonivået", "Override the risk level"),
    "web.supplier.use_derived": ("Bruk det utledede nivået", "Use the derived level"),
    "web.supplier.justification": (
        "Begrunnelse (påkrevd, lagres i revisjonsloggen)",
        "Justification (required, kept in the audit trail)",
    ),
    "web.supplier.save": ("Lagre", "Save"),
    "web.supplier.overridden": ("Risikonivået er lagret.", "The risk level is saved."),
    "web.supplier.deviations": ("Avvik", "Deviations"),
    "web.supplier.measures": ("Tiltak", "Measures"),
    "web.task.note": (
        "Hva kom ut av den? (påkrevd for «Ferdig»)",
        "What came of it? (needed for Done)",
    ),
    "web.task.start": ("Start", "Start"),
    "web.task.complete": ("Ferdig", "Done"),
    "web.task.cancel": ("Avlys", "Cancel"),
    "web.task.moved": ("Oppgaven er oppdatert.", "The task is updated."),
    "web.request.title": ("Informasjonskrav #{id}", "Information request #{id}"),
    "web.request.rule": (
        "Åpenhetsloven § 7: skriftlig svar innen rimelig tid og senest tre uker etter mottak; "
        "opptil to måneder hvis det er uforholdsmessig byrdefullt, og da skal den som spør få "
        "skriftlig beskjed om utsettelsen og grunnen innen de tre ukene.",
        "Transparency Act § 7: a written answer within a reasonable time and at the latest "
        "three weeks after receipt; up to two months if disproportionately burdensome, and the "
        "requester must then be told in writing of the extension and why within the three weeks.",
    ),
    "web.request.show_done": ("Vis også besvarte og avslåtte", "Show answered and refused too"),
    "web.request.open_only": ("Bare åpne", "Open only"),
    "web.request.none": ("Ingen informasjonskrav.", "No information requests."),
    "web.request.received": ("Mottatt", "Received"),
    "web.request.days_left": ("Dager igjen", "Days left"),
    "web.request.days": ("{days} dager igjen", "{days} days left"),
    "web.request.extended_mark": ("utsatt", "extended"),
    "web.request.concerns": ("Gjelder", "Concerns"),
    "web.request.answer": ("Svaret", "The answer"),
    "web.request.answer_hint": (
        "Lim inn svaret slik det ble sendt skriftlig til den som spurte.",
        "Paste the answer as it was sent in writing to the requester.",
    ),
    "web.request.record_answer": ("Registrer svaret", "Record the answer"),
    "web.request.extend_until": ("Ny frist", "New deadline"),
    "web.request.extend_hint": (
        "Senest to måneder etter mottak. Registrer bare når den som spurte har fått skriftlig "
        "beskjed om utsettelsen og grunnen.",
        "At most two months after receipt. Record it only once the requester has been told in "
        "writing of the extension and why.",
    ),
    "web.request.extension": ("Grunnen til utsettelsen", "Reason for the extension"),
    "web.request.extend": ("Registrer utsettelsen", "Record the extension"),
    "web.request.basis": ("Rettslig grunnlag for avslaget", "Legal basis for the refusal"),
    "web.request.refuse_hint": (
        "Avslaget skal oppgi grunnlaget, at den som spurte kan kreve nærmere begrunnelse innen "
        "tre uker, og at Forbrukertilsynet er tilsyns- og veiledningsorgan.",
        "The refusal must state its basis, that the requester may ask for further reasons "
        "within three weeks, and that the Consumer Authority (Forbrukertilsynet) supervises.",
    ),
    "web.request.refuse": ("Registrer avslaget", "Record the refusal"),
    "web.request.answered": ("Svaret er registrert.", "The answer is recorded."),
    "web.request.extended": ("Utsettelsen er registrert.", "The extension is recorded."),
    "web.request.refused": ("Avslaget er registrert.", "The refusal is recorded."),
    "web.audit.intact": (
        "Revisjonsloggen er intakt: {events} hendelser, siste hash {head}…",
        "The audit trail is intact: {events} events, head hash {head}…",
    ),
    "web.audit.broken": (
        "Revisjonsloggen er brutt ved rad {seq}: {problem}",
        "The audit trail is broken at row {seq}: {problem}",
    ),
    "web.audit.when": ("Når", "When"),
    "web.audit.who": ("Hvem", "Who"),
    "web.audit.what": ("Hva", "What"),
    "web.audit.object": ("Gjelder", "Object"),
    "web.audit.older": ("Eldre hendelser", "Older events"),
    "web.nav.cases": ("Saker", "Cases"),
    "web.nav.suppliers": ("Leverandører", "Suppliers"),
    "web.nav.tasks": ("Oppfølging", "Follow-up"),
    "web.nav.requests": ("Informasjonskrav", "Information requests"),
    "web.nav.statistics": ("Statistikk", "Statistics"),
    "web.nav.exports": ("Eksport og redegjørelse", "Exports and account"),
    "web.nav.audit": ("Revisjonslogg", "Audit log"),
    # Web: statistics, exports and the § 5 draft
    "web.stats.title": ("Statistikk {year}", "Statistics {year}"),
    "web.stats.year": ("År", "Year"),
    "web.stats.show": ("Vis", "Show"),
    "web.stats.total": (
        "Saker mottatt i {year}: {count}. Tallene gjelder saker og informasjonskrav mottatt i "
        "året og oppfølgingsoppgaver som pågikk i året, med status i dag. Ikke noe innhold vises.",
        "Cases received in {year}: {count}. The figures cover cases and information requests "
        "received in the year and follow-up tasks that ran during it, as they stand today. No "
        "contents are shown.",
    ),
    "web.stats.alt": (
        "{title}. Tallene står i tabellen under.",
        "{title}. The figures are in the table below.",
    ),
    "web.stats.chart.categories": ("Saker etter kategori, {year}", "Cases by category, {year}"),
    "web.stats.chart.months": ("Saker etter måned, {year}", "Cases by month, {year}"),
    "web.stats.chart.deadlines": ("Frister, {year}", "Deadlines, {year}"),
    "web.stats.chart.tasks": ("Oppfølgingsoppgaver, {year}", "Follow-up tasks, {year}"),
    "web.stats.category": ("Kategori", "Category"),
    "web.stats.month": ("Måned", "Month"),
    "web.stats.count": ("Antall", "Number"),
    "web.stats.deadline": ("Frist", "Deadline"),
    "web.stats.median": ("Median dager", "Median days"),
    "web.stats.status": ("Status", "Status"),
    "web.stats.acknowledgement": ("Bekrefte mottak (7 dager)", "Acknowledge receipt (7 days)"),
    "web.stats.feedback": ("Tilbakemelding (3 måneder)", "Feedback (3 months)"),
    "web.stats.requests": ("Informasjonskrav (3 uker)", "Information requests (3 weeks)"),
    "web.stats.deadline_note": (
        "Bekreftelsen regnes fra mottak, tilbakemeldingen fra bekreftelsen (fra dag 7 hvis "
        "mottaket aldri ble bekreftet). Første melding fra compliance-teamet, eller at saken "
        "lukkes, regnes som tilbakemelding. Informasjonskrav regnes mot fristen som gjelder: tre "
        "uker, eller utsatt frist.",
        "Acknowledgement counts from receipt, feedback from the acknowledgement (from day 7 if "
        "receipt was never acknowledged). The compliance team's first message, or closing the "
        "case, counts as feedback. Information requests count against the deadline in force: "
        "three weeks, or the extended one.",
    ),
    "web.stats.within": ("I tide", "In time"),
    "web.stats.late": ("For sent", "Late"),
    "web.stats.overdue": ("Forfalt", "Overdue"),
    "web.stats.waiting": ("Venter, innen fristen", "Waiting, not yet due"),
    "web.stats.done": ("Ferdig", "Done"),
    "web.stats.open": ("Åpen", "Open"),
    "web.stats.cancelled": ("Avlyst", "Cancelled"),
    "web.stats.refused": (
        "Avslåtte informasjonskrav: {count}.",
        "Information requests refused: {count}.",
    ),
    "web.stats.months": (
        "jan feb mar apr mai jun jul aug sep okt nov des",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "web.exports.title": ("Eksport og redegjørelse", "Exports and account"),
    "web.exports.intro": (
        "Last ned registeret som regneark. Saker lastes ned uten innhold: saksnummer, kategori, "
        "status, kanal, leverandør, datoer, frister og utfall. Tider er i UTC.",
        "Download the register as spreadsheets. Cases come without contents: reference, "
        "category, status, channel, supplier, dates, deadlines and outcome. Times are in UTC.",
    ),
    "web.exports.what": ("Hva", "What"),
    "web.exports.files": ("Filer", "Files"),
    "web.exports.contents": ("Saker med innhold", "Cases with contents"),
    "web.exports.contents_warning": (
        "Denne filen inneholder beskrivelsene og meldingene fra dem som meldte fra. Valget "
        "skrives i revisjonsloggen, og det gjør hver sak som leses. Oppbevar filen trygt, og "
        "slett den når du er ferdig.",
        "This file holds the descriptions and messages of those who reported. The choice is "
        "written to the audit log, and so is each case read. Keep the file safe, and delete it "
        "when you are done.",
    ),
    "web.exports.contents_confirm": (
        "Jeg trenger innholdet, og vet at valget logges.",
        "I need the contents, and know that the choice is logged.",
    ),
    "web.exports.confirm_required": (
        "Kryss av for at du trenger innholdet. Ingenting er lastet ned.",
        "Tick the box to confirm that you need the contents. Nothing was downloaded.",
    ),
    "web.exports.download": ("Last ned {format}", "Download {format}"),
    "web.exports.account": (
        "Redegjørelse etter åpenhetsloven § 5",
        "Account under the Transparency Act section 5",
    ),
    "web.exports.account_intro": (
        "Et utkast satt sammen fra registeret for ett år: leverandørenes risiko med begrunnelser "
        "og kilder, avvik og saker som antall, tiltak og informasjonskrav. Alt som må fylles inn, "
        "kontrolleres eller signeres, er merket. Styret og daglig leder signerer, og redegjørelsen "
        "publiseres på nettsidene innen 30. juni året etter.",
        "A draft assembled from the register for one year: supplier risk with reasons and "
        "sources, deviations and cases as numbers, measures and information requests. "
        "Everything to complete, check or sign is marked. The board and the general manager "
        "sign, and the account is published on the website by 30 June the year after.",
    ),
    "web.exports.account_year": ("Redegjørelse for {year}", "Account for {year}"),
    "web.exports.in_nb": ("{format}, norsk", "{format}, Norwegian"),
    "web.exports.in_en": ("{format}, engelsk", "{format}, English"),
    "export.sheet.cases": ("Saker", "Cases"),
    "export.sheet.tasks": ("Oppfølgingsoppgaver", "Follow-up tasks"),
    "export.sheet.deviations": ("Avvik", "Deviations"),
    "export.sheet.requests": ("Informasjonskrav", "Information requests"),
    "export.reference": ("Saksnummer", "Reference"),
    "export.category": ("Kategori", "Category"),
    "export.status": ("Status", "Status"),
    "export.channel": ("Kanal", "Channel"),
    "export.supplier": ("Leverandør", "Supplier"),
    "export.country": ("Land", "Country"),
    "export.received": ("Mottatt", "Received"),
    "export.acknowledge_due": ("Frist for bekreftelse", "Acknowledgement due"),
    "export.acknowledged": ("Bekreftet", "Acknowledged"),
    "export.feedback_due": ("Frist for tilbakemelding", "Feedback due"),
    "export.closed": ("Lukket", "Closed"),
    "export.outcome": ("Utfall", "Outcome"),
    "export.id": ("Nr.", "No."),
    "export.kind": ("Type", "Kind"),
    "export.title": ("Hva skal gjøres", "What is to be done"),
    "export.due": ("Frist", "Due date"),
    "export.assignee": ("Ansvarlig", "Assignee"),
    "export.result": ("Resultat", "Result"),
    "export.created": ("Opprettet", "Created"),
    "export.updated": ("Sist endret", "Last changed"),
    "export.type": ("Type avvik", "Kind of deviation"),
    "export.location": ("Sted i leverandørkjeden", "Place in the supply chain"),
    "export.description": ("Beskrivelse", "Description"),
    "export.measures": ("Tiltak", "Measures"),
    "export.messages": ("Meldinger", "Messages"),
    "export.requester": ("Hvem spør", "Requester"),
    "export.contact": ("Kontakt", "Contact"),
    "export.question": ("Spørsmål", "Question"),
    "export.deadline": ("Frist som gjelder", "Deadline in force"),
    "export.extension_reason": ("Grunn til utsatt frist", "Reason for the extension"),
    "export.answered": ("Besvart eller avslått", "Answered or refused"),
    "export.in_time": ("Besvart i tide", "Answered in time"),
    "export.refusal_basis": ("Rettslig grunnlag for avslag", "Legal basis of the refusal"),
    "export.yes": ("ja", "yes"),
    "export.no": ("nei", "no"),
    "deviation.type.child_labour": ("Barnearbeid", "Child labour"),
    "deviation.type.forced_labour": ("Tvangsarbeid", "Forced labour"),
    "deviation.type.wages": ("Lønn", "Wages"),
    "deviation.type.working_hours": ("Arbeidstid", "Working hours"),
    "deviation.type.hse": ("Helse, miljø og sikkerhet", "Health, safety and environment"),
    "deviation.type.due_diligence_routines": (
        "Rutiner for aktsomhetsvurderinger",
        "Due-diligence routines",
    ),
    "deviation.type.social_dialogue": (
        "Sosial dialog og organisasjonsfrihet",
        "Social dialogue and freedom of association",
    ),
    "deviation.type.other": ("Annet", "Other"),
    "deviation.status.open": ("Åpent", "Open"),
    "deviation.status.in_progress": ("Under arbeid", "In progress"),
    "deviation.status.closed": ("Lukket", "Closed"),
    "error.year": ("Velg et år fra {first} til {last}.", "Choose a year from {first} to {last}."),
    "account.title": (
        "Redegjørelse for aktsomhetsvurderinger etter åpenhetsloven § 5 – {year}",
        "Account of due diligence under the Transparency Act section 5 – {year}",
    ),
    "account.filename": ("redegjorelse-apenhetsloven-{year}", "transparency-act-account-{year}"),
    "account.note": (
        "UTKAST laget av aktsom {day} fra registeret. Tallene gjelder saker og informasjonskrav "
        "mottatt i {year}, og oppfølging og avvik som var aktive i {year}, med status da utkastet "
        "ble laget. Kontroller alt, og fyll inn de merkede stedene før redegjørelsen signeres.",
        "DRAFT made by aktsom on {day} from the register. The figures cover cases and information "
        "requests received in {year}, and follow-up and deviations active in {year}, as they "
        "stood when the draft was made. Check everything, and complete the marked places before "
        "the account is signed.",
    ),
    "account.company": (
        "Virksomhet: [FYLL INN: navn og organisasjonsnummer]",
        "Enterprise: [COMPLETE: name and organisation number]",
    ),
    "account.organisation": (
        "1. Virksomheten, retningslinjer og rutiner (§ 5 første ledd bokstav a)",
        "1. The enterprise, its guidelines and procedures (section 5 first paragraph (a))",
    ),
    "account.organisation_missing": (
        "[FYLL INN: generell beskrivelse av virksomhetens organisering og virksomhetsområder. "
        "Teksten kan legges inn én gang i innstillingen AKTSOM_ORGANISATION_DESCRIPTION.]",
        "[COMPLETE: a general description of the enterprise's structure and areas of operation. "
        "The text can be set once in the AKTSOM_ORGANISATION_DESCRIPTION setting.]",
    ),
    "account.guidelines": (
        "[FYLL INN: retningslinjer og rutiner for håndtering av faktiske og potensielle negative "
        "konsekvenser for grunnleggende menneskerettigheter og anstendige arbeidsforhold: hvem "
        "som har ansvaret, hvordan risiko kartlegges, hvordan leverandører følges opp.]",
        "[COMPLETE: guidelines and procedures for handling actual and potential adverse impacts "
        "on fundamental human rights and decent working conditions: who is responsible, how "
        "risks are mapped, how suppliers are followed up.]",
    ),
    "account.channel_routine": (
        "Ansatte og andre kan melde fra om mulige brudd gjennom virksomhetens varslingskanal "
        "(chat og nettskjema), anonymt om de vil. Mottak bekreftes innen 7 dager, og den som "
        "meldte fra, får tilbakemelding innen 3 måneder.",
        "Employees and others can report possible violations through the enterprise's reporting "
        "channel (chat and web form), anonymously if they wish. Receipt is acknowledged within "
        "7 days, and the reporter gets feedback within 3 months.",
    ),
    "account.risk": ("2. Slik er leverandørene vurdert", "2. How suppliers were assessed"),
    "account.risk_method": (
        "Risikoen for hver leverandør er utledet fra offentlige kilder, med hvert trinn "
        "begrunnet: ITUC Global Rights Index (utgave {ituc}) for landene leverandøren holder til "
        "i, og DFØs høyrisikoliste for offentlige anskaffelser (utgave {dfo}) for "
        "produktkategoriene. Reglene:",
        "Each supplier's risk is derived from public sources, with every step given as a reason: "
        "the ITUC Global Rights Index (edition {ituc}) for the countries the supplier operates "
        "in, and the DFØ high-risk list for public procurement (edition {dfo}) for the product "
        "categories. The rules:",
    ),
    "account.risk_rule.country": (
        "Land: ITUC 1–2 gir lav, 3 middels, 4 høy og 5 og 5+ svært høy risiko; ved flere land "
        "gjelder det høyeste.",
        "Country: ITUC 1–2 gives low, 3 medium, 4 high and 5 and 5+ very high risk; with several "
        "countries the highest applies.",
    ),
    "account.risk_rule.category": (
        "Produktkategori: en kategori på DFØs høyrisikoliste hever nivået ett trinn (minst "
        "middels); et land DFØ nevner for kategorien, gir minst høy risiko.",
        "Product category: a category on the DFØ high-risk list raises the level one step (at "
        "least medium); a country DFØ names for that category makes it at least high.",
    ),
    "account.risk_rule.description": (
        "Fritekst: der leverandørlisten bare beskriver varene, knyttes beskrivelsen til en "
        "DFØ-kategori når den tydelig nevner et av våre nøkkelord (f.eks. «arbeidsklær» → "
        "arbeidstøy, fottøy og tekstil); ordene som passet, står som begrunnelse, og uklare "
        "beskrivelser lar kategorien stå ukjent til noen setter den.",
        "Free text: where the supplier list only describes the goods, the description is "
        "mapped to a DFØ category when it clearly names one of our keywords (e.g. "
        "“workwear” → workwear, footwear and textiles); the matched words are shown as the "
        "reason, and unclear descriptions leave the category unknown until someone sets it.",
    ),
    "account.risk_rule.unknown": (
        "Ukjent land eller kategori gir middels risiko, med begrunnelsen «ikke nok informasjon».",
        "An unknown country or category gives medium risk, with the reason “not enough "
        "information”.",
    ),
    "account.risk_rule.override": (
        "Compliance-teamet kan overstyre nivået med en skriftlig begrunnelse; det utledede nivået "
        "og begrunnelsene står ved siden av.",
        "The compliance team may override the level with a written justification; the derived "
        "level and its reasons stay beside it.",
    ),
    "account.risk_count": (
        "Leverandører i registeret da utkastet ble laget: {count}, fordelt slik:",
        "Suppliers in the register when the draft was made: {count}, as follows:",
    ),
    "account.reason": ("{reason} ({source}, {edition}).", "{reason} ({source}, {edition})."),
    "account.undated": ("udatert", "undated"),
    "account.median": (", median {days} dager", ", median {days} days"),
    "account.risk_none_high": (
        "Ingen leverandører har høy eller svært høy risiko.",
        "No supplier has high or very high risk.",
    ),
    "account.risk_high": (
        "Leverandører med høy eller svært høy risiko, med begrunnelse:",
        "Suppliers with high or very high risk, with the reasons:",
    ),
    "account.override": (
        "Overstyrt fra {derived} til {level}: {justification}",
        "Overridden from {derived} to {level}: {justification}",
    ),
    "account.col.level": ("Risikonivå", "Risk level"),
    "account.col.suppliers": ("Leverandører", "Suppliers"),
    "account.col.supplier": ("Leverandør", "Supplier"),
    "account.col.countries": ("Land", "Countries"),
    "account.col.basis": ("Begrunnelse og kilde", "Reasons and sources"),
    "account.col.type": ("Type", "Kind"),
    "account.col.count": ("Antall", "Number"),
    "account.col.category": ("Kategori", "Category"),
    "account.col.cases": ("Saker", "Cases"),
    "account.col.substantiated": ("Herav bekreftet", "Of which substantiated"),
    "account.col.kind": ("Tiltak", "Measure"),
    "account.col.what": ("Hva", "What"),
    "account.col.result": ("Resultat", "Result"),
    "account.col.due": ("Frist", "Due"),
    "account.col.measures": ("Tiltak", "Measures"),
    "account.col.status": ("Status", "Status"),
    "account.impacts": (
        "3. Faktiske negative konsekvenser og vesentlige risikoer (§ 5 første ledd bokstav b)",
        "3. Actual adverse impacts and significant risks (section 5 first paragraph (b))",
    ),
    "account.impacts_fill": (
        "[FYLL INN: beskriv med egne ord de faktiske negative konsekvensene og de vesentlige "
        "risikoene som er avdekket, og hvor i leverandørkjeden.]",
        "[COMPLETE: describe in your own words the actual adverse impacts and significant risks "
        "identified, and where in the supply chain.]",
    ),
    "account.deviations": (
        "Avvik hos leverandører, registrert og aktive i året: {count}.",
        "Deviations at suppliers, recorded and active in the year: {count}.",
    ),
    "account.no_deviations": (
        "Ingen avvik hos leverandører er registrert for året.",
        "No deviations at suppliers are recorded for the year.",
    ),
    "account.cases": (
        "Saker fra varslingskanalen i året som gjaldt en navngitt leverandør: {count}. Bare "
        "antall vises: ikke hva som ble meldt, og ikke hvem som meldte fra.",
        "Cases from the reporting channel in the year that concerned a named supplier: {count}. "
        "Only numbers are shown: not what was reported, nor who reported it.",
    ),
    "account.no_cases": (
        "Ingen saker fra varslingskanalen i året gjaldt en navngitt leverandør.",
        "No case from the reporting channel in the year concerned a named supplier.",
    ),
    "account.unregistered": ("Leverandør utenfor registeret", "Supplier not in the register"),
    "account.cases_check": (
        "[KONTROLLER: at ingen tall eller navn over kan føre tilbake til den som meldte fra; "
        "slå sammen eller ta ut små tall ved behov.]",
        "[CHECK: that no number or name above can lead back to whoever reported; merge or leave "
        "out small numbers where needed.]",
    ),
    "account.measures": (
        "4. Tiltak og resultater (§ 5 første ledd bokstav c)",
        "4. Measures and results (section 5 first paragraph (c))",
    ),
    "account.done": (
        "Gjennomførte oppfølgingstiltak: {count}.",
        "Follow-up measures carried out: {count}.",
    ),
    "account.planned": (
        "Oppfølgingstiltak som pågår eller er planlagt: {count}.",
        "Follow-up measures under way or planned: {count}.",
    ),
    "account.no_tasks": (
        "Ingen oppfølgingstiltak er registrert for året.",
        "No follow-up measures are recorded for the year.",
    ),
    "account.deviation_measures": ("Tiltak mot avvikene:", "Measures against the deviations:"),
    "account.fill_result": ("[FYLL INN: resultat]", "[COMPLETE: result]"),
    "account.fill_measures": ("[FYLL INN: tiltak]", "[COMPLETE: measures]"),
    "account.expected_results": (
        "[FYLL INN: forventede resultater av tiltakene som pågår eller er planlagt.]",
        "[COMPLETE: the expected results of the measures under way or planned.]",
    ),
    "account.channel": ("5. Varslingskanalen", "5. The reporting channel"),
    "account.channel_cases": (
        "Saker mottatt i året: {count}.",
        "Cases received in the year: {count}.",
    ),
    "account.channel_ack": (
        "Mottak bekreftet innen 7 dager: {within} av {answered} bekreftede{median}.",
        "Receipt acknowledged within 7 days: {within} of {answered} acknowledged{median}.",
    ),
    "account.channel_feedback": (
        "Tilbakemelding innen 3 måneder: {within} av {answered} med tilbakemelding{median}.",
        "Feedback within 3 months: {within} of {answered} with feedback{median}.",
    ),
    "account.requests": (
        "6. Informasjonskrav (§§ 6 og 7)",
        "6. Information requests (sections 6 and 7)",
    ),
    "account.requests_count": (
        "Informasjonskrav mottatt i året: {count}.",
        "Information requests received in the year: {count}.",
    ),
    "account.requests_in_time": (
        "Besvart innen fristen (tre uker, eller utsatt frist): {within} av {answered} "
        "besvarte{median}.",
        "Answered by the deadline (three weeks, or the extended one): {within} of {answered} "
        "answered{median}.",
    ),
    "account.requests_refused": ("Avslått: {count}.", "Refused: {count}."),
    "account.requests_open": ("Ennå ikke besvart: {count}.", "Not yet answered: {count}."),
    "account.signing": ("7. Signering og offentliggjøring", "7. Signing and publication"),
    "account.signing_rule": (
        "Redegjørelsen skal signeres i samsvar med regnskapsloven § 3-5 av hvert styremedlem og "
        "daglig leder, og gjøres lett tilgjengelig på virksomhetens nettsider senest 30. juni "
        "{deadline}. Årsberetningen skal opplyse om hvor redegjørelsen er tilgjengelig.",
        "The account must be signed in line with the Accounting Act (regnskapsloven) section 3-5 "
        "by every board member and the general manager (daglig leder), and made easily "
        "accessible on the enterprise's website by 30 June {deadline}. The annual report must "
        "say where the account is available.",
    ),
    "account.published_at": (
        "Publisert på: [FYLL INN: nettadresse]",
        "Published at: [COMPLETE: web address]",
    ),
    "account.place_date": (
        "Sted og dato: [FYLL INN: sted og dato]",
        "Place and date: [COMPLETE: place and date]",
    ),
    "account.sign_chair": (
        "[SIGNATUR: styrets leder, navn]",
        "[SIGNATURE: chair of the board, name]",
    ),
    "account.sign_member": (
        "[SIGNATUR: styremedlem, navn – én linje for hvert styremedlem]",
        "[SIGNATURE: board member, name – one line for each board member]",
    ),
    "account.sign_ceo": (
        "[SIGNATUR: daglig leder, navn]",
        "[SIGNATURE: general manager (daglig leder), name]",
    ),
    # Supplier list import and risk × size prioritisation
    "priority.method": (
        "Prioritering etter risiko × størrelse: først risikonivået som gjelder (satt manuelt, "
        "ellers utledet av land og varekategori), fra svært høy til lav; innenfor samme nivå "
        "leverandørens andel av samlet årlig innkjøp, størst først. Leverandører med ukjent "
        "innkjøp kommer etter dem med kjent innkjøp på samme nivå. En stor leverandør med lav "
        "risiko rangeres aldri over en mindre med høyere risiko: alvorlighet går først, slik "
        "OECDs veileder for aktsomhetsvurderinger anbefaler.",
        "Prioritised by risk × size: first the risk level in force (set by hand, otherwise "
        "derived from country and product category), from very high to low; within a level, "
        "the supplier's share of total annual spend, largest first. Suppliers whose spend is "
        "unknown come after those with a known spend at the same level. A large low-risk "
        "supplier never ranks above a smaller one at higher risk: severity comes first, as "
        "the OECD due diligence guidance recommends.",
    ),
    "priority.reason.level": ("Risikonivå: {level}.", "Risk level: {level}."),
    "priority.reason.manual": ("Satt manuelt: {justification}", "Set by hand: {justification}"),
    "priority.reason.share": ("{share} av årlig innkjøp.", "{share} of annual spend."),
    "priority.reason.spend_unknown": (
        "Innkjøp ukjent: rangert etter risiko alene.",
        "Spend unknown: ranked by risk alone.",
    ),
    "priority.unknown": ("ukjent", "unknown"),
    "web.supplier.tab_all": ("Alle leverandører", "All suppliers"),
    "web.supplier.tab_prioritised": ("Prioritert", "Prioritised"),
    "web.supplier.spend": ("Årlig innkjøp", "Annual spend"),
    "web.supplier.email": ("Kontakt (e-post)", "Contact (e-mail)"),
    "web.supplier.description": ("Beskrivelse", "Description"),
    "web.priority.title": ("Prioriterte leverandører", "Prioritised suppliers"),
    "web.priority.method": ("Slik er listen rangert", "How the list is ranked"),
    "web.priority.rank": ("Nr.", "No."),
    "web.priority.share": ("Andel av innkjøp", "Share of spend"),
    "web.priority.reasons": ("Begrunnelse", "Reasons"),
    "web.import.title": ("Importer leverandørliste", "Import a supplier list"),
    "web.import.intro": (
        "En CSV- eller Excel-fil fra økonomi- eller innkjøpssystemet: navn, organisasjonsnummer, "
        "land, varekategori eller beskrivelse, årlig innkjøp og e-post. Du ser hva som vil "
        "endres før noe lagres. Største fil: {limit} MB.",
        "A CSV or Excel file from the accounting or purchasing system: name, organisation "
        "number, country, product category or description, annual spend and e-mail. You see "
        "what would change before anything is saved. Largest file: {limit} MB.",
    ),
    "web.import.file": ("Fil", "File"),
    "web.import.upload": ("Last opp og se gjennom", "Upload and review"),
    "web.import.preview": ("Gjennomgang før import", "Review before importing"),
    "web.import.mapping": ("Kolonner", "Columns"),
    "web.import.column": ("Kolonne i filen", "Column in the file"),
    "web.import.field": ("Brukes som", "Used as"),
    "web.import.first_rows": ("De første radene", "The first rows"),
    "web.import.counts": (
        "{rows} rader: {created} nye leverandører, {updated} endres, {unchanged} uendret, "
        "{rejected} avvist.",
        "{rows} rows: {created} new suppliers, {updated} changed, {unchanged} unchanged, "
        "{rejected} rejected.",
    ),
    "web.import.rejected": ("Rader som ikke tas med", "Rows left out"),
    "web.import.notes": ("Merknader", "Remarks"),
    "web.import.row": ("Rad", "Row"),
    "web.import.reason": ("Hvorfor", "Why"),
    "web.import.remap": ("Bruk disse kolonnene", "Use these columns"),
    "web.import.confirm": ("Importer", "Import"),
    "web.import.done": (
        "Importert: {created} nye, {updated} endret, {unchanged} uendret, {rejected} avvist.",
        "Imported: {created} new, {updated} changed, {unchanged} unchanged, {rejected} rejected.",
    ),
    "web.import.gone": (
        "Filen er ikke lenger her (allerede importert eller for gammel). Last den opp på nytt.",
        "The file is no longer here (already imported or too old). Upload it again.",
    ),
    "import.field.name": ("Navn", "Name"),
    "import.field.org_number": ("Organisasjonsnummer", "Organisation number"),
    "import.field.countries": ("Land", "Countries"),
    "import.field.category": ("Varekategori", "Product category"),
    "import.field.description": ("Beskrivelse", "Description"),
    "import.field.spend": ("Årlig innkjøp", "Annual spend"),
    "import.field.email": ("E-post", "E-mail"),
    "import.field.ignore": ("Brukes ikke", "Not used"),
    "import.issue.no_name": ("Mangler navn.", "No name."),
    "import.issue.name_too_long": (
        "Navnet er lengre enn 200 tegn: «{value}».",
        'The name is longer than 200 characters: "{value}".',
    ),
    "import.issue.bad_org": (
        "Organisasjonsnummeret er lengre enn 32 tegn: «{value}».",
        'The organisation number is longer than 32 characters: "{value}".',
    ),
    "import.issue.bad_spend": (
        "Innkjøpet er ikke et beløp: «{value}».",
        'The spend is not an amount: "{value}".',
    ),
    "import.issue.bad_email": (
        "Ikke en e-postadresse: «{value}».",
        'Not an e-mail address: "{value}".',
    ),
    "import.issue.duplicate": (
        "Samme leverandør som rad {other_row}, men med andre opplysninger: ikke tatt med.",
        "The same supplier as row {other_row}, with different details: left out.",
    ),
    "import.issue.ambiguous": (
        "«{value}» passer med flere leverandører i registeret: ikke tatt med.",
        '"{value}" fits several suppliers in the register: left out.',
    ),
    "import.issue.unknown_country": (
        "Ukjent land «{value}»: lagret som skrevet, regnes som ikke nok informasjon.",
        'Unknown country "{value}": kept as written, counts as not enough information.',
    ),
    "import.issue.merged": (
        "Gjentar rad {other_row}: slått sammen.",
        "Repeats row {other_row}: merged.",
    ),
    "import.issue.category_unknown": (
        "Beskrivelsen «{value}» passer ikke tydelig med en DFØ-kategori: sett kategorien selv.",
        'The description "{value}" does not clearly fit a DFØ category: set the category.',
    ),
    "import.unreadable.too_large": ("Filen er for stor.", "The file is too large."),
    "import.unreadable.empty": ("Filen er tom.", "The file is empty."),
    "import.unreadable.not_text": (
        "Filen er verken CSV-tekst eller en Excel-fil (.xlsx).",
        "The file is neither CSV text nor an Excel workbook (.xlsx).",
    ),
    "import.unreadable.bad_xlsx": (
        "Excel-filen kan ikke leses; lagre den på nytt som .xlsx eller CSV.",
        "The Excel file cannot be read; save it again as .xlsx or CSV.",
    ),
    "import.unreadable.no_name_column": (
        "Ingen kolonne er valgt som leverandørens navn; velg en.",
        "No column is chosen as the supplier's name; choose one.",
    ),
    "import.unreadable.unknown_column": (
        "Filen har ingen kolonne «{detail}».",
        'The file has no column "{detail}".',
    ),
    "import.unreadable.unknown_field": (
        "«{detail}» er ikke et felt; bruk name, org_number, countries, category, description, "
        "spend, email eller ignore.",
        '"{detail}" is not a field; use name, org_number, countries, category, description, '
        "spend, email or ignore.",
    ),
    "export.sheet.priorities": ("Prioriterte leverandører", "Prioritised suppliers"),
    "export.rank": ("Prioritet", "Priority"),
    "export.org_number": ("Organisasjonsnummer", "Organisation number"),
    "export.countries": ("Land", "Countries"),
    "export.categories": ("Varekategorier", "Product categories"),
    "export.risk": ("Risikonivå", "Risk level"),
    "export.spend": ("Årlig innkjøp", "Annual spend"),
    "export.share": ("Andel av innkjøp (%)", "Share of spend (%)"),
    "export.reasons": ("Begrunnelse", "Reasons"),
    # Web: sign-in with OpenID Connect
    "web.oidc.button": ("Logg inn med {issuer}", "Sign in with {issuer}"),
    "web.oidc.or_link": (
        "Du kan også be boten om en engangslenke med `/aktsom dashboard`; den virker én gang, "
        "i ti minutter.",
        "You can also ask the bot for a one-time link with `/aktsom dashboard`; it works once, "
        "for ten minutes.",
    ),
    "web.oidc.links_only": (
        "Compliance-teamet logger inn med en engangslenke: skriv `/aktsom dashboard` til boten, "
        "så får du en lenke som virker én gang, i ti minutter.",
        "The compliance team signs in with a one-time link: type `/aktsom dashboard` to the bot "
        "and you get a link that works once, for ten minutes.",
    ),
    "web.oidc.not_configured": (
        "Innlogging med OpenID Connect er ikke satt opp her. Bruk en engangslenke fra "
        "`/aktsom dashboard`.",
        "Sign-in with OpenID Connect is not set up here. Use a one-time link from "
        "`/aktsom dashboard`.",
    ),
    "web.oidc.unreachable": (
        "Innloggingstjenesten svarer ikke nå. Prøv igjen om litt, eller bruk en engangslenke fra "
        "`/aktsom dashboard`.",
        "The sign-in service is not answering. Try again shortly, or use a one-time link from "
        "`/aktsom dashboard`.",
    ),
    "web.oidc.failed": (
        "Innloggingen ble avbrutt eller kunne ikke bekreftes, så du er ikke logget inn. "
        "Start på nytt fra innloggingssiden.",
        "The sign-in was cancelled or could not be verified, so you are not signed in. "
        "Start again from the sign-in page.",
    ),
    # Following a case by receipt
    "status.title": ("Følg saken din", "Follow your case"),
    "status.receipt": ("Kvitteringskode", "Receipt code"),
    "status.receipt_hint": (
        "De 16 sifrene du fikk da du meldte fra.",
        "The 16 digits you were given when you reported.",
    ),
    "status.show": ("Vis", "Show"),
    "status.summary": (
        "Sak *{reference}*, mottatt {received}: *{status}*",
        "Case *{reference}*, received {received}: *{status}*",
    ),
    "status.outcome": ("Utfall: {outcome}", "Outcome: {outcome}"),
    "status.messages": ("Meldinger fra compliance-teamet", "Messages from the compliance team"),
    "status.no_messages": (
        "Ingen meldinger fra compliance-teamet ennå.",
        "No messages from the compliance team yet.",
    ),
    "status.reply": ("Svar compliance-teamet", "Reply to the compliance team"),
    "status.send_reply": ("Send svar", "Send reply"),
    "status.reply_sent": (
        "Svaret ditt er lagt til sak {reference}.",
        "Your reply has been added to case {reference}.",
    ),
    "error.receipt_format": (
        "En kvitteringskode har 16 sifre.",
        "A receipt code has 16 digits.",
    ),
    "error.reply_required": ("Skriv et svar.", "Write a reply."),
    # Follow-up tasks
    "task.title": ("Ny oppfølgingsoppgave", "New follow-up task"),
    "task.create": ("Opprett", "Create"),
    "task.supplier": ("Leverandør", "Supplier"),
    "task.kind": ("Type", "Kind"),
    "task.task_title": ("Hva skal gjøres?", "What is to be done?"),
    "task.due": ("Frist", "Due date"),
    "task.assignee": ("Ansvarlig", "Assignee"),
    "task.origin": ("Fra melding: {origin}", "From message: {origin}"),
    "task.created": (
        "Oppgave #{id} opprettet for {supplier}: {title}{due}.",
        "Task #{id} created for {supplier}: {title}{due}.",
    ),
    "task.due_suffix": (", frist {due}", ", due {due}"),
    "task.supplier_added": (
        "{supplier} var ikke i leverandørregisteret og er lagt til.",
        "{supplier} was not in the supplier register and has been added.",
    ),
    "task.mine": ("Dine oppgaver", "Your tasks"),
    "task.overdue": ("Forfalte oppgaver", "Overdue tasks"),
    "task.none": ("Ingen.", "None."),
    "task.line": (
        "#{id} {supplier}: {title} ({kind}{due})",
        "#{id} {supplier}: {title} ({kind}{due})",
    ),
    "error.supplier_required": ("Skriv leverandørens navn.", "Write the supplier's name."),
    "error.title_required": ("Skriv hva som skal gjøres.", "Write what is to be done."),
    "error.bad_date": ("Ugyldig dato.", "Not a valid date."),
    # The compliance team's review
    "review.cases": ("Åpne saker", "Open cases"),
    "review.no_cases": ("Ingen åpne saker.", "No open cases."),
    "review.case_line": (
        "*{reference}* · {category} · {status} · {age} dager · neste frist {next_due}{overdue}",
        "*{reference}* · {category} · {status} · {age} days · next deadline {next_due}{overdue}",
    ),
    "review.overdue": (" · *FORFALT*", " · *OVERDUE*"),
    "review.handler": (" · ansvarlig {handler}", " · handler {handler}"),
    "review.tasks": ("Åpne oppfølgingsoppgaver", "Open follow-up tasks"),
    "review.requests": ("Åpne informasjonskrav", "Open information requests"),
    "review.request_line": (
        "#{id} {requester}: frist {deadline}{overdue}",
        "#{id} {requester}: due {deadline}{overdue}",
    ),
    "review.open": ("Åpne", "Open"),
    "review.acknowledge": ("Kvitter mottak", "Acknowledge"),
    "review.assign_me": ("Ta saken", "Assign to me"),
    "review.investigate": ("Start undersøkelse", "Start investigation"),
    "review.write": ("Skriv til melder", "Write to reporter"),
    "review.close": ("Lukk saken", "Close case"),
    "review.outcome": ("Utfall", "Outcome"),
    "review.message": ("Melding til den som meldte fra", "Message to the reporter"),
    "review.message_hint": (
        "Melderen leser den med kvitteringskoden. Den sendes ikke i chatten.",
        "The reporter reads it with the receipt code. It is not sent in the chat.",
    ),
    "review.case_title": ("Sak {reference}", "Case {reference}"),
    "review.description": ("Beskrivelse", "Description"),
    "review.reporter": ("Melder", "Reporter"),
    "review.anonymous": ("anonym", "anonymous"),
    "review.thread": ("Meldinger", "Messages"),
    "review.author.handler": ("Compliance", "Compliance"),
    "review.author.reporter": ("Melder", "Reporter"),
    "review.timeline": ("Historikk", "History"),
    "review.timeline.received": ("Saken kom inn", "The case came in"),
    "review.timeline.message": ("Melding", "Message"),
    "review.timeline.assigned": ("Tildelt {handler}", "Assigned to {handler}"),
    "review.timeline.status": ("Status: {status}", "Status: {status}"),
    "review.timeline.closed": ("{status}: {outcome}", "{status}: {outcome}"),
    "review.done.acknowledge": (
        "{reference} er kvittert mottatt. Tilbakemelding innen {feedback}.",
        "{reference} acknowledged. Feedback due by {feedback}.",
    ),
    "review.done.assign": ("Du er ansvarlig for {reference}.", "You now handle {reference}."),
    "review.done.investigate": (
        "{reference} er under undersøkelse.",
        "{reference} is under investigation.",
    ),
    "review.done.write": (
        "Meldingen er lagt til {reference}; melderen ser den med kvitteringskoden.",
        "The message is on {reference}; the reporter sees it with the receipt code.",
    ),
    "review.done.close": ("{reference} er lukket: {outcome}.", "{reference} closed: {outcome}."),
    "error.message_required": ("Skriv en melding.", "Write a message."),
    "error.outcome_required": ("Velg et utfall.", "Choose an outcome."),
    # Home for everyone else
    "home.title": ("aktsom", "aktsom"),
    "home.intro": (
        "Spør meg om åpenhetsloven og leverandørene deres: nevn meg i en kanal, skriv til meg "
        "her, eller bruk `/aktsom ask`.",
        "Ask me about the Transparency Act and your suppliers: mention me in a channel, write "
        "to me here, or use `/aktsom ask`.",
    ),
    "home.report": (
        "Mistenker du et brudd på menneskerettigheter eller anstendige arbeidsforhold hos en "
        "leverandør? Meld fra med `/aktsom report` eller knappen under, anonymt om du vil. "
        "Følg saken med `/aktsom status`.",
        "Do you suspect a breach of human rights or decent working conditions at a supplier? "
        "Report it with `/aktsom report` or the button below, anonymously if you wish. Follow "
        "your case with `/aktsom status`.",
    ),
    # Documents
    "documents.added": (
        "Lagt til i kunnskapsbasen: *{title}* ({language}, {chunks} avsnitt).",
        "Added to the knowledge base: *{title}* ({language}, {chunks} passages).",
    ),
    "documents.unchanged": (
        "*{title}* er allerede i kunnskapsbasen, uendret.",
        "*{title}* is already in the knowledge base, unchanged.",
    ),
    "documents.replaced": (
        "Oppdatert i kunnskapsbasen: *{title}* ({language}, {chunks} avsnitt).",
        "Updated in the knowledge base: *{title}* ({language}, {chunks} passages).",
    ),
    "documents.failed": (
        "*{name}* kunne ikke legges til: {reason}",
        "*{name}* could not be added: {reason}",
    ),
    "documents.too_large": (
        "filen er {size} MB; største tillatte er {limit} MB.",
        "the file is {size} MB; the largest allowed is {limit} MB.",
    ),
    "documents.only_compliance": (
        "Bare compliance-teamet kan legge til dokumenter. Send dokumentet til dem, så vurderer "
        "de det.",
        "Only the compliance team can add documents. Send the document to them and they will "
        "consider it.",
    ),
    "documents.heading": ("Dokumenter i kunnskapsbasen", "Documents in the knowledge base"),
    "documents.empty": ("Kunnskapsbasen er tom.", "The knowledge base is empty."),
    "documents.line": (
        "{title} ({kind}, {language}, {chunks} avsnitt)",
        "{title} ({kind}, {language}, {chunks} passages)",
    ),
    # Information requests
    "request.title": ("Registrer informasjonskrav", "Log an information request"),
    "request.submit": ("Registrer", "Log"),
    "request.requester": ("Hvem spør?", "Who is asking?"),
    "request.contact": ("E-post eller adresse", "E-mail or address"),
    "request.received": ("Mottatt dato", "Date received"),
    "request.question": ("Hva spør de om?", "What do they ask?"),
    "request.logged": (
        "Informasjonskrav #{id} fra {requester} er registrert. Svar skriftlig innen *{deadline}* "
        "(åpenhetsloven § 7: senest tre uker etter mottak; opptil to måneder hvis det er "
        "uforholdsmessig byrdefullt, og da må du si fra om utsettelsen og grunnen innen de tre "
        "ukene).",
        "Information request #{id} from {requester} is logged. Answer in writing by "
        "*{deadline}* (Transparency Act § 7: at the latest three weeks after receipt; up to two "
        "months if disproportionately burdensome, and then the requester must be told of the "
        "extension and why within the three weeks).",
    ),
    "request.draft": (
        "Utkast til svar fra kunnskapsbasen (les og tilpass før du sender):",
        "Draft answer from the knowledge base (read and adapt before sending):",
    ),
    "request.no_draft": (
        "Kunnskapsbasen har ikke noe som svarer på dette; svaret må skrives fra bunnen.",
        "The knowledge base has nothing that answers this; the answer must be written afresh.",
    ),
    "request.public_title": (
        "Be om informasjon (åpenhetsloven § 6)",
        "Ask for information (Transparency Act § 6)",
    ),
    "request.public_intro": (
        "Alle har rett til å be om informasjon om hvordan vi håndterer faktiske og mulige "
        "negative konsekvenser for grunnleggende menneskerettigheter og anstendige "
        "arbeidsforhold, også om en bestemt vare eller tjeneste. Vi svarer skriftlig innen "
        "rimelig tid og senest tre uker etter at vi mottok kravet.",
        "Anyone has the right to ask how we handle actual and potential adverse impacts on "
        "fundamental human rights and decent working conditions, also for a particular product "
        "or service. We answer in writing within a reasonable time and at the latest three "
        "weeks after we received the request.",
    ),
    "request.public_kept": (
        "Vi lagrer navnet og kontaktopplysningen din for å kunne svare deg, og det du spør om. "
        "Bare compliance-teamet leser det. Siden lagrer ikke IP-adressen eller nettleseren din. "
        "Vil du melde fra om et mulig brudd, bruk skjemaet for å melde fra i stedet: der kan du "
        "være anonym.",
        "We store your name and contact so that we can answer you, and what you ask. Only the "
        "compliance team reads it. This page does not store your IP address or browser. To "
        "report a possible violation, use the report form instead: there you can stay anonymous.",
    ),
    "request.public_name": ("Navnet ditt", "Your name"),
    "request.public_contact": (
        "E-post eller postadresse for svaret",
        "E-mail or postal address for the answer",
    ),
    "request.public_question": ("Hva vil du vite?", "What would you like to know?"),
    "request.public_concerns": (
        "Gjelder det en bestemt vare, tjeneste eller leverandør? (valgfritt)",
        "Does it concern a particular product, service or supplier? (optional)",
    ),
    "request.public_submit": ("Send forespørselen", "Send the request"),
    "request.public_received_title": ("Forespørselen din er mottatt", "Your request is received"),
    "request.public_received": (
        "Referanse: {reference}. Du får skriftlig svar senest {due}.",
        "Reference: {reference}. You will get a written answer by {due} at the latest.",
    ),
    "request.public_received_note": (
        "Oppgi referansen hvis du kontakter oss om forespørselen. Trenger vi mer tid fordi "
        "svaret er uforholdsmessig byrdefullt, sier vi fra skriftlig innen fristen, med "
        "grunnen og når du får svar.",
        "Give the reference if you contact us about the request. If we need more time because "
        "answering is disproportionately burdensome, we tell you in writing before the deadline, "
        "with the reason and when you will get the answer.",
    ),
    "request.public_link": (
        "Vil du heller spørre om informasjon om hvordan vi følger opp leverandørene våre? "
        "Send en forespørsel etter åpenhetsloven § 6.",
        "Would you rather ask how we follow up our suppliers? Send a request under the "
        "Transparency Act § 6.",
    ),
    "error.name_required": ("Skriv navnet ditt.", "Write your name."),
    "error.reach_you_required": (
        "Skriv hvor svaret skal sendes.",
        "Write where the answer should be sent.",
    ),
    "error.ask_required": ("Skriv hva du vil vite.", "Write what you would like to know."),
    "audit.head": (
        "Revisjonsloggen {day}: {events} hendelser, topp `{head}`. Meldingen er en kopi "
        "utenfor databasen; `aktsom audit verify` skal vise samme topp eller en senere.",
        "Audit trail {day}: {events} events, head `{head}`. This message is a copy outside "
        "the database; `aktsom audit verify` must show this head or a later one.",
    ),
    "arrival.case": (
        "Ny sak meldt på nettsiden: *{reference}*. Bekreft mottak innen {due}.",
        "New case reported on the web page: *{reference}*. Acknowledge receipt by {due}.",
    ),
    "arrival.request": (
        "Nytt informasjonskrav fra nettsiden: *{reference}*. Svar skriftlig senest {due} "
        "(åpenhetsloven § 7).",
        "New information request from the web page: *{reference}*. Answer in writing by {due} "
        "(Transparency Act § 7).",
    ),
    "error.answer_required": ("Skriv svaret som ble sendt.", "Write the answer that was sent."),
    "error.extension_reason_required": (
        "Skriv hvorfor det er uforholdsmessig byrdefullt å svare innen tre uker.",
        "Write why answering within three weeks is disproportionately burdensome.",
    ),
    "error.extension_until_required": (
        "Velg den nye fristen (senest to måneder etter mottak).",
        "Choose the new deadline (at most two months after receipt).",
    ),
    "error.refusal_basis_required": (
        "Oppgi rettslig grunnlag for avslaget (åpenhetsloven § 6 annet ledd).",
        "State the legal basis for the refusal (Transparency Act § 6 second paragraph).",
    ),
    "error.justification_required": (
        "Skriv en begrunnelse for endringen.",
        "Write a justification for the change.",
    ),
    "error.task_note_required": (
        "Skriv hva som kom ut av oppgaven.",
        "Write what came of the task.",
    ),
    "error.not_allowed": (
        "Bare compliance-teamet kan gjøre dette.",
        "Only the compliance team can do this.",
    ),
    "error.busy": (
        "Svært mange innsendinger kommer inn akkurat nå. Ingenting ble lagret, og teksten din "
        "står fortsatt i skjemaet: vent et minutt og send igjen.",
        "Very many submissions are arriving right now. Nothing was stored, and your text is "
        "still in the form: wait a minute and send again.",
    ),
    "error.requester_required": ("Skriv hvem som spør.", "Write who is asking."),
    "error.contact_required": ("Skriv hvordan de kan nås.", "Write how to reach them."),
    "error.question_required": ("Skriv hva de spør om.", "Write what they ask."),
    "error.received_in_future": (
        "Mottatt dato kan ikke være i fremtiden.",
        "The date received cannot be in the future.",
    ),
    # Supplier self-assessment questionnaires (SAQ)
    "saq.email.subject": (
        "Egenvurdering for {supplier}: svar innen {deadline}",
        "Self-assessment for {supplier}: please answer by {deadline}",
    ),
    "saq.email.body": (
        "Hei,\n\n{sender} ber {supplier} fylle ut en egenvurdering om menneskerettigheter, "
        "arbeidsforhold, miljø og antikorrupsjon, som en del av aktsomhetsvurderingene etter "
        "åpenhetsloven.\n\nÅpne skjemaet her (ingen innlogging):\n{link}\n\nSvarene lagres "
        "underveis, så du kan komme tilbake med samme lenke. Send inn innen {deadline}; "
        "lenken virker til da. Den som sender inn, bekrefter svarene med navn og rolle.\n\n"
        "Lenken gjelder bare for {supplier}: ikke del den utenfor virksomheten.\n",
        "Hello,\n\n{sender} asks {supplier} to fill in a self-assessment on human rights, "
        "working conditions, environment and anti-corruption, as part of due diligence under "
        "the Norwegian Transparency Act.\n\nOpen the form here (no account needed):\n{link}"
        "\n\nAnswers are saved as you go, so you can come back with the same link. Please "
        "submit by {deadline}; the link works until then. Whoever submits confirms the "
        "answers with their name and role.\n\nThe link is for {supplier} only: do not share "
        "it outside your company.\n",
    ),
    "saq.reminder.subject": (
        "Påminnelse: egenvurdering for {supplier}, frist {deadline}",
        "Reminder: self-assessment for {supplier}, due {deadline}",
    ),
    "saq.reminder.body": (
        "Hei,\n\nEgenvurderingen {sender} sendte {supplier} {sent}, er ikke sendt inn ennå. "
        "Fristen er {deadline}.\n\nFortsett her:\n{link}\n\nSvar som allerede er lagret, "
        "er tatt vare på.\n",
        "Hello,\n\nThe self-assessment {sender} sent {supplier} on {sent} has not been "
        "submitted yet. It is due {deadline}.\n\nContinue here:\n{link}\n\nAnswers already "
        "saved are kept.\n",
    ),
    "saq.sent.emailed": (
        "{supplier}: egenvurdering #{id} sendt på e-post til {email}.",
        "{supplier}: self-assessment #{id} e-mailed to {email}.",
    ),
    "saq.sent.link": (
        "{supplier}: egenvurdering #{id} klar; ingen SMTP er satt opp, så send lenken selv: {link}",
        "{supplier}: self-assessment #{id} ready; no SMTP is configured, so send the link "
        "yourself: {link}",
    ),
    "saq.sent.failed": (
        "{supplier}: ikke sendt: {reason}",
        "{supplier}: not sent: {reason}",
    ),
    "saq.reason.no_email": (
        "leverandøren har ingen e-postadresse i registeret; oppgi en",
        "the supplier has no e-mail address in the register; give one",
    ),
    "saq.refused.invalid": (
        "Lenken er ikke gyldig, eller den er erstattet av en nyere. Bruk den siste lenken du "
        "fikk, eller be kontaktpersonen din om en ny.",
        "This link is not valid, or a newer one has replaced it. Use the latest link you "
        "received, or ask your contact for a new one.",
    ),
    "saq.refused.expired": (
        "Lenken er utløpt, og ingenting er endret. Be kontaktpersonen din om en ny lenke; "
        "svar som allerede er lagret, er tatt vare på.",
        "This link has expired, and nothing was changed. Ask your contact for a new link; "
        "answers already saved are kept.",
    ),
    "saq.refused.cancelled": (
        "Denne egenvurderingen er trukket tilbake, og ingenting er endret.",
        "This self-assessment has been withdrawn, and nothing was changed.",
    ),
    "saq.refused.submitted": (
        "Egenvurderingen er sendt inn og kan ikke endres lenger.",
        "This self-assessment has been submitted and can no longer be changed.",
    ),
    "saq.missing": (
        "Svar på alle obligatoriske spørsmål før du sender inn ({count} mangler).",
        "Answer every required question before you submit ({count} missing).",
    ),
    "saq.question_missing": ("Dette spørsmålet må besvares.", "This question needs an answer."),
    "saq.confirm_required": (
        "Skriv navnet og rollen til den som bekrefter svarene.",
        "Give the name and role of the person confirming the answers.",
    ),
    "saq.scoring_rule": (
        "Slik regnes poengene: for hvert område (menneskerettigheter, arbeidsforhold, miljø, "
        "antikorrupsjon) er poengsummen oppnådde poeng delt på mulige poeng ganger 100, over "
        "spørsmålene som er besvart med ja, delvis eller nei. «Ikke relevant» og ubesvarte "
        "spørsmål teller ikke. Totalen er gjennomsnittet av områdene som har svar, så hvert "
        "område veier likt. Røde flagg vises uansett poengsum.",
        "How the score is counted: for each area (human rights, labour, environment, "
        "anti-corruption) the score is the points earned divided by the points possible, times "
        '100, over the questions answered yes, partly or no. "Not applicable" and '
        "unanswered questions do not count. The total is the mean of the areas that have "
        "answers, so each area weighs the same. Red flags are shown whatever the score.",
    ),
    # Questionnaire web pages: the supplier's public page and the team's pages
    "web.saq.for": ("For {supplier}", "For {supplier}"),
    "web.saq.deadline": (
        "Frist: {deadline}. Lenken virker til da.",
        "Due {deadline}. The link works until then.",
    ),
    "web.saq.progress": (
        "{answered} av {total} spørsmål besvart",
        "{answered} of {total} questions answered",
    ),
    "web.saq.missing_title": ("Mangler svar:", "Still to answer:"),
    "web.saq.required": ("obligatorisk", "required"),
    "web.saq.attach": ("Legg ved dokument", "Attach a document"),
    "web.saq.attach_hint": (
        "PDF, PNG, JPEG, Word (DOCX) eller Excel (XLSX), høyst {mb} MB.",
        "PDF, PNG, JPEG, Word (DOCX) or Excel (XLSX), at most {mb} MB.",
    ),
    "web.saq.attached": ("Vedlagt", "Attached"),
    "web.saq.file_refused": (
        "{name} ble ikke lagt ved ({detail}). Vi tar imot PDF, PNG, JPEG, Word (DOCX) og Excel "
        "(XLSX) på høyst {mb} MB. Resten er lagret.",
        "{name} was not attached ({detail}). We take PDF, PNG, JPEG, Word (DOCX) and Excel "
        "(XLSX) files of at most {mb} MB. Everything else is saved.",
    ),
    "web.saq.save": ("Lagre svarene", "Save answers"),
    "web.saq.saving": ("Lagrer …", "Saving …"),
    "web.saq.saved": ("Lagret", "Saved"),
    "web.saq.not_saved": ("Ikke lagret: {reason}", "Not saved: {reason}"),
    "web.saq.saved_notice": ("Svarene er lagret.", "Your answers are saved."),
    "web.saq.submit_title": ("Bekreft og send inn", "Confirm and submit"),
    "web.saq.name": ("Navnet ditt", "Your name"),
    "web.saq.role": ("Rollen din", "Your role"),
    "web.saq.role_hint": (
        "F.eks. daglig leder eller HMS-ansvarlig.",
        "E.g. managing director or head of compliance.",
    ),
    "web.saq.confirm": (
        "Jeg bekrefter at svarene er riktige etter beste evne, og at jeg kan svare for {supplier}.",
        "I confirm that the answers are correct to the best of my knowledge, and that I may "
        "answer for {supplier}.",
    ),
    "web.saq.confirm_box": (
        "Kryss av for å bekrefte svarene.",
        "Tick the box to confirm the answers.",
    ),
    "web.saq.submit": ("Send inn", "Submit"),
    "web.saq.receipt_title": (
        "Takk, egenvurderingen er sendt inn",
        "Thank you, the self-assessment is submitted",
    ),
    "web.saq.receipt": (
        "Sendt inn av {name} ({role}) {day}.",
        "Submitted by {name} ({role}) on {day}.",
    ),
    "web.saq.read_only": (
        "Svarene kan ikke endres lenger. Ta kontakt med virksomheten som sendte deg skjemaet "
        "hvis noe må rettes.",
        "The answers can no longer be changed. Contact the company that sent you the "
        "questionnaire if something needs correcting.",
    ),
    "web.saq.unanswered": ("Ikke besvart", "Not answered"),
    "web.saq.refused_title": ("Lenken virker ikke", "This link does not work"),
    "web.saq.refused_help": (
        "Ta kontakt med virksomheten som sendte deg lenken, så får du en ny.",
        "Contact the company that sent you the link, and they will send you a new one.",
    ),
    "web.nav.questionnaires": ("Egenvurderinger", "Questionnaires"),
    "web.saq.rates": ("Svar så langt", "Responses so far"),
    "web.saq.rate.sent": ("Sendt", "Sent"),
    "web.saq.rate.opened": ("Åpnet", "Opened"),
    "web.saq.rate.submitted": ("Sendt inn", "Submitted"),
    "web.saq.rate.overdue": ("Over fristen", "Overdue"),
    "web.saq.col.supplier": ("Leverandør", "Supplier"),
    "web.saq.col.status": ("Status", "Status"),
    "web.saq.col.sent": ("Sendt", "Sent"),
    "web.saq.col.deadline": ("Frist", "Deadline"),
    "web.saq.col.reminders": ("Påminnelser", "Reminders"),
    "web.saq.col.score": ("Poeng", "Score"),
    "web.saq.col.risk": ("Risiko", "Risk"),
    "web.saq.col.email": ("E-post", "E-mail"),
    "web.saq.status.sent": ("Sendt", "Sent"),
    "web.saq.status.in_progress": ("Påbegynt", "In progress"),
    "web.saq.status.submitted": ("Sendt inn", "Submitted"),
    "web.saq.status.expired": ("Utløpt", "Expired"),
    "web.saq.status.cancelled": ("Trukket tilbake", "Withdrawn"),
    "web.saq.none": (
        "Ingen egenvurderinger er sendt ennå.",
        "No self-assessments have been sent yet.",
    ),
    "web.saq.send_title": ("Send egenvurderingen", "Send the self-assessment"),
    "web.saq.send_hint": (
        "Velg leverandørene, høyest risiko først. Med SMTP satt opp får de en e-post; ellers "
        "får du lenken og sender den selv.",
        "Choose the suppliers, highest risk first. With SMTP set up they get an e-mail; "
        "otherwise you get the link and send it yourself.",
    ),
    "web.saq.pick": ("Velg", "Choose"),
    "web.saq.language": ("Språk", "Language"),
    "web.saq.language_auto": ("Leverandørens språk", "The supplier's language"),
    "web.saq.email": ("E-postadresse (valgfritt)", "E-mail address (optional)"),
    "web.saq.email_hint": (
        "Brukes i stedet for adressen i registeret, for én leverandør.",
        "Used instead of the address in the register, for one supplier.",
    ),
    "web.saq.send": ("Send", "Send"),
    "web.saq.none_chosen": ("Velg minst én leverandør.", "Choose at least one supplier."),
    "web.saq.email_one": (
        "En e-postadresse kan bare oppgis når én leverandør er valgt. Ingenting er sendt.",
        "An e-mail address can only be given with one supplier chosen. Nothing was sent.",
    ),
    "web.saq.results": ("Dette ble sendt", "What was sent"),
    "web.saq.more_failed": ("… og {count} til som ikke ble sendt.", "… and {count} more not sent."),
    "web.saq.copy": ("Kopier lenken", "Copy the link"),
    "web.saq.copied": ("Kopiert", "Copied"),
    "web.saq.link": ("Lenke", "Link"),
    "web.saq.show_link": ("Vis lenken", "Show the link"),
    "web.saq.resend": ("Send på nytt", "Send again"),
    "web.saq.cancel": ("Trekk tilbake", "Withdraw"),
    "web.saq.cancelled": (
        "Egenvurdering #{id} er trukket tilbake; lenken virker ikke lenger.",
        "Self-assessment #{id} is withdrawn; its link no longer works.",
    ),
    "web.saq.invitation_title": (
        "Egenvurdering #{id}: {supplier}",
        "Self-assessment #{id}: {supplier}",
    ),
    "web.saq.submitted_by": ("Sendt inn av {name} {day}.", "Submitted by {name} on {day}."),
    "web.saq.not_submitted": ("Ikke sendt inn ennå.", "Not submitted yet."),
    "web.saq.scores": ("Poeng", "Scores"),
    "web.saq.area": ("Område", "Area"),
    "web.saq.total": ("Totalt", "Total"),
    "web.saq.red_flags": (
        "Røde flagg og forslag til oppfølging",
        "Red flags and suggested follow-up",
    ),
    "web.saq.no_flags": ("Ingen røde flagg.", "No red flags."),
    "web.saq.accept": ("Godta", "Accept"),
    "web.saq.dismiss": ("Avvis", "Dismiss"),
    "web.saq.accepted_task": ("Godtatt: oppgave #{id}", "Accepted: task #{id}"),
    "web.saq.accepted_deviation": ("Godtatt: avvik #{id}", "Accepted: deviation #{id}"),
    "web.saq.dismissed": ("Avvist", "Dismissed"),
    "web.saq.answers": ("Svarene", "The answers"),
    "web.saq.download": ("Last ned", "Download"),
    "web.saq.history": ("Poenghistorikk", "Score history"),
    "web.saq.history_title": ("Poenghistorikk: {supplier}", "Score history: {supplier}"),
    "web.saq.history_none": (
        "Ingen innsendte egenvurderinger ennå.",
        "No submitted self-assessments yet.",
    ),
    "web.saq.submitted": ("Sendt inn", "Submitted"),
    "web.saq.flags": ("Røde flagg", "Red flags"),
    # Reminders
    "remind.task": (
        "Påminnelse: oppgave #{id} for {supplier} ({title}) har frist {due}{overdue}.",
        "Reminder: task #{id} for {supplier} ({title}) is due {due}{overdue}.",
    ),
    "remind.case_acknowledgement": (
        "Sak *{reference}*: mottak må kvitteres innen {due}{overdue} (7 dager).",
        "Case *{reference}*: receipt must be acknowledged by {due}{overdue} (7 days).",
    ),
    "remind.case_feedback": (
        "Sak *{reference}*: tilbakemelding til melder innen {due}{overdue} (3 måneder).",
        "Case *{reference}*: feedback to the reporter due by {due}{overdue} (3 months).",
    ),
    "remind.information_request": (
        "Informasjonskrav #{reference}: svar innen {due}{overdue} (åpenhetsloven § 7).",
        "Information request #{reference}: answer due by {due}{overdue} (Transparency Act § 7).",
    ),
    "remind.overdue": (" – fristen er passert", " – overdue"),
    # Help and errors
    "help": (
        "*aktsom* svarer på spørsmål om åpenhetsloven og leverandørene deres, med kilder.\n"
        "• `/aktsom ask SPØRSMÅL` – still et spørsmål (eller nevn meg, eller skriv til meg)\n"
        "• `/aktsom report` – meld fra om et mulig brudd, anonymt om du vil\n"
        "• `/aktsom status` – følg saken din med kvitteringskoden\n"
        "• `/aktsom task` / `/aktsom tasks` – ny oppfølgingsoppgave / dine oppgaver\n"
        "• `/aktsom request` – registrer et informasjonskrav (compliance)\n"
        "• `/aktsom sources` – hva kunnskapsbasen inneholder\n"
        "• `/aktsom dashboard` – innloggingslenke til teamets sider (compliance)",
        "*aktsom* answers questions about the Transparency Act and your suppliers, with "
        "sources.\n"
        "• `/aktsom ask QUESTION` – ask a question (or mention me, or write to me)\n"
        "• `/aktsom report` – report a possible violation, anonymously if you wish\n"
        "• `/aktsom status` – follow your case with the receipt code\n"
        "• `/aktsom task` / `/aktsom tasks` – new follow-up task / your tasks\n"
        "• `/aktsom request` – log an information request (compliance)\n"
        "• `/aktsom sources` – what the knowledge base holds\n"
        "• `/aktsom dashboard` – a sign-in link to the team's pages (compliance)",
    ),
    "error.unknown_command": (
        "Kjenner ikke «{command}». Dette kan jeg:",
        "I don't know “{command}”. This is what I can do:",
    ),
    "error.access_denied": (
        "Dette kan bare compliance-teamet gjøre. Forsøket er logget.",
        "Only the compliance team can do this. The attempt has been logged.",
    ),
    "error.receipt_invalid": (
        "Ingen sak har denne kvitteringskoden. Sjekk sifrene og prøv igjen.",
        "No case has this receipt code. Check the digits and try again.",
    ),
    "error.rate_limited": (
        "For mange feil koder. Vent 15 minutter og prøv igjen.",
        "Too many wrong codes. Wait 15 minutes and try again.",
    ),
    "error.not_found": ("Finner det ikke: {detail}.", "Not found: {detail}."),
    "error.invalid": ("Det går ikke: {detail}.", "That is not possible: {detail}."),
    "error.knowledge": (
        "Kunnskapsbasen svarte ikke: {detail}. Prøv igjen om litt.",
        "The knowledge base did not answer: {detail}. Try again in a moment.",
    ),
    "error.storage": (
        "Registeret svarte ikke. Ingenting er endret; prøv igjen om litt, eller kontakt "
        "compliance-teamet.",
        "The register did not answer. Nothing was changed; try again in a moment, or contact "
        "the compliance team.",
    ),
    "error.unexpected": (
        "Noe gikk galt hos oss. Ingenting du skrev er lagt ut noe sted; prøv igjen, og si fra "
        "til compliance-teamet hvis det gjentar seg.",
        "Something went wrong on our side. Nothing you wrote was posted anywhere; try again, "
        "and tell the compliance team if it happens again.",
    ),
}

LABELS: dict[StrEnum, tuple[str, str]] = {
    CaseCategory.FORCED_LABOUR: ("Tvangsarbeid", "Forced labour"),
    CaseCategory.CHILD_LABOUR: ("Barnearbeid", "Child labour"),
    CaseCategory.WAGES_AND_BENEFITS: ("Lønn og goder", "Wages and benefits"),
    CaseCategory.WORKING_HOURS: ("Arbeidstid", "Working hours"),
    CaseCategory.HEALTH_AND_SAFETY: ("Helse, miljø og sikkerhet", "Health and safety"),
    CaseCategory.DISCRIMINATION_AND_HARASSMENT: (
        "Diskriminering og trakassering",
        "Discrimination and harassment",
    ),
    CaseCategory.FREEDOM_OF_ASSOCIATION: ("Organisasjonsfrihet", "Freedom of association"),
    CaseCategory.ENVIRONMENT: ("Miljø", "Environment"),
    CaseCategory.CORRUPTION_AND_BRIBERY: ("Korrupsjon og bestikkelser", "Corruption and bribery"),
    CaseCategory.OTHER: ("Annet", "Other"),
    CaseStatus.RECEIVED: ("Mottatt", "Received"),
    CaseStatus.ACKNOWLEDGED: ("Mottak bekreftet", "Acknowledged"),
    CaseStatus.INVESTIGATING: ("Under undersøkelse", "Under investigation"),
    CaseStatus.CLOSED: ("Lukket", "Closed"),
    CaseOutcome.SUBSTANTIATED: ("Bekreftet", "Substantiated"),
    CaseOutcome.NOT_SUBSTANTIATED: ("Ikke bekreftet", "Not substantiated"),
    CaseOutcome.REFERRED: ("Sendt videre", "Referred"),
    CaseOutcome.WITHDRAWN: ("Trukket tilbake", "Withdrawn"),
    TaskKind.SELF_ASSESSMENT: ("Egenerklæring", "Self-assessment"),
    TaskKind.AUDIT: ("Revisjon", "Audit"),
    TaskKind.DIALOGUE_MEETING: ("Dialogmøte", "Dialogue meeting"),
    TaskKind.CORRECTIVE_ACTION_PLAN: ("Tiltaksplan", "Corrective-action plan"),
    TaskKind.DOCUMENT_REQUEST: ("Dokumentasjon", "Document request"),
    TaskKind.OTHER: ("Annet", "Other"),
    TaskStatus.OPEN: ("Åpen", "Open"),
    TaskStatus.IN_PROGRESS: ("Pågår", "In progress"),
    TaskStatus.DONE: ("Ferdig", "Done"),
    TaskStatus.CANCELLED: ("Avlyst", "Cancelled"),
    InformationRequestStatus.RECEIVED: ("Mottatt", "Received"),
    InformationRequestStatus.ANSWERED: ("Besvart", "Answered"),
    InformationRequestStatus.REFUSED: ("Avslått", "Refused"),
    InformationRequestStatus.EXTENDED: ("Utsatt", "Extended"),
    DeviationStatus.OPEN: ("Åpent", "Open"),
    DeviationStatus.IN_PROGRESS: ("Under arbeid", "In progress"),
    DeviationStatus.CLOSED: ("Lukket", "Closed"),
    DeviationType.CHILD_LABOUR: ("Barnearbeid", "Child labour"),
    DeviationType.FORCED_LABOUR: ("Tvangsarbeid", "Forced labour"),
    DeviationType.WAGES: ("Lønn", "Wages"),
    DeviationType.WORKING_HOURS: ("Arbeidstid", "Working hours"),
    DeviationType.HSE: ("HMS", "Health, safety and environment"),
    DeviationType.DUE_DILIGENCE_ROUTINES: ("Aktsomhetsrutiner", "Due-diligence routines"),
    DeviationType.SOCIAL_DIALOGUE: ("Sosial dialog", "Social dialogue"),
    DeviationType.OTHER: ("Annet", "Other"),
    **{level: (nb.capitalize(), en.capitalize()) for level, (nb, en) in LEVEL_NAMES.items()},
}

LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "nb": ("bokmål", "Norwegian Bokmål"),
    "nn": ("nynorsk", "Norwegian Nynorsk"),
    "sv": ("svensk", "Swedish"),
    "en": ("engelsk", "English"),
    "other": ("annet språk", "other language"),
}


def text(lang: Lang, key: str, **values: object) -> str:
    """The text `key` in `lang`, with `values` filled in (Swedish falls back to English)."""
    nb, en = TEXTS[key]
    chosen = nb if lang == "nb" else swedish.TEXTS.get(key, en) if lang == "sv" else en
    return chosen.format(**values)


def plain(sentence: str) -> str:
    """One of our chat-formatted sentences for a surface without chat markup (a web page, an
    Adaptive Card text run): the `*bold*` and backtick `code` marks dropped."""
    return sentence.replace("*", "").replace("`", "")


def label(lang: Lang, value: StrEnum) -> str:
    """The people-facing name of an enum value (category, status, outcome, kind)."""
    nb, en = LABELS[value]
    return nb if lang == "nb" else swedish.LABELS.get(value, en) if lang == "sv" else en


def language_name(lang: Lang, code: str) -> str:
    """The name of a document language, e.g. `sv` -> "svensk"."""
    nb, en = LANGUAGE_NAMES.get(code, LANGUAGE_NAMES["other"])
    return nb if lang == "nb" else en


def day(lang: Lang, moment: date | datetime) -> str:
    """A date as people write it: `12. jan 2027` or `12 Jan 2027`."""
    if lang == "nb":
        return f"{moment.day}. {_NB_MONTHS[moment.month - 1]} {moment.year}"
    if lang == "sv":
        return f"{moment.day} {swedish.SV_MONTHS[moment.month - 1]} {moment.year}"
    return f"{moment.day} {moment.strftime('%b')} {moment.year}"


def explain(lang: Lang, error: BaseException) -> str:
    """What went wrong, in words for the person, and what to do; never a stack trace."""
    if isinstance(error, FormInvalid):
        return " ".join(error.errors.values())
    if isinstance(error, Busy):
        return text(lang, "error.busy")
    if isinstance(error, NotAllowed):
        return text(lang, error.explanation)
    if isinstance(error, storage_errors.AccessDenied):
        return text(lang, "error.access_denied")
    if isinstance(error, storage_errors.ReceiptInvalid):
        return text(lang, "error.receipt_invalid")
    if isinstance(error, storage_errors.RateLimited):
        return text(lang, "error.rate_limited")
    if isinstance(error, storage_errors.SupplierListUnreadable):
        return text(lang, f"import.unreadable.{error.reason}", detail=error.detail)
    if isinstance(error, storage_errors.LinkRefused):
        return text(lang, f"saq.refused.{error.reason}")
    if isinstance(error, storage_errors.NotFound):
        return text(lang, "error.not_found", detail=error)
    if isinstance(error, storage_errors.InvalidTransition | storage_errors.ValidationFailed):
        return text(lang, "error.invalid", detail=error)
    if isinstance(error, KnowledgeError | IngestionError):
        return text(lang, "error.knowledge", detail=error)
    if isinstance(error, storage_errors.StorageError | CoreError):
        return text(lang, "error.storage")
    return text(lang, "error.unexpected")
