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

from bot.core.errors import CoreError, FormInvalid, NotAllowed
from bot.core.people import Lang
from ingestion.errors import IngestionError
from knowledge.errors import KnowledgeError
from storage import errors as storage_errors
from storage.models import (
    CaseCategory,
    CaseOutcome,
    CaseStatus,
    InformationRequestStatus,
    TaskKind,
    TaskStatus,
)

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
    "web.signout": ("Logg ut", "Sign out"),
    "web.language": ("English", "Norsk"),
    "web.nav.cases": ("Saker", "Cases"),
    "web.nav.suppliers": ("Leverandører", "Suppliers"),
    "web.nav.tasks": ("Oppfølging", "Follow-up"),
    "web.nav.requests": ("Informasjonskrav", "Information requests"),
    "web.nav.statistics": ("Statistikk", "Statistics"),
    "web.nav.exports": ("Eksport og redegjørelse", "Exports and account"),
    "web.nav.audit": ("Revisjonslogg", "Audit log"),
    # Web: statistics, exports and the § 5 draft
    # Web: sign-in with OpenID Connect
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
    "error.requester_required": ("Skriv hvem som spør.", "Write who is asking."),
    "error.contact_required": ("Skriv hvordan de kan nås.", "Write how to reach them."),
    "error.question_required": ("Skriv hva de spør om.", "Write what they ask."),
    "error.received_in_future": (
        "Mottatt dato kan ikke være i fremtiden.",
        "The date received cannot be in the future.",
    ),
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
}

LANGUAGE_NAMES: dict[str, tuple[str, str]] = {
    "nb": ("bokmål", "Norwegian Bokmål"),
    "nn": ("nynorsk", "Norwegian Nynorsk"),
    "sv": ("svensk", "Swedish"),
    "en": ("engelsk", "English"),
    "other": ("annet språk", "other language"),
}


def text(lang: Lang, key: str, **values: object) -> str:
    """The text `key` in `lang`, with `values` filled in."""
    nb, en = TEXTS[key]
    return (nb if lang == "nb" else en).format(**values)


def label(lang: Lang, value: StrEnum) -> str:
    """The people-facing name of an enum value (category, status, outcome, kind)."""
    nb, en = LABELS[value]
    return nb if lang == "nb" else en


def language_name(lang: Lang, code: str) -> str:
    """The name of a document language, e.g. `sv` -> "svensk"."""
    nb, en = LANGUAGE_NAMES.get(code, LANGUAGE_NAMES["other"])
    return nb if lang == "nb" else en


def day(lang: Lang, moment: date | datetime) -> str:
    """A date as people write it: `12. jan 2027` or `12 Jan 2027`."""
    if lang == "nb":
        return f"{moment.day}. {_NB_MONTHS[moment.month - 1]} {moment.year}"
    return f"{moment.day} {moment.strftime('%b')} {moment.year}"


def explain(lang: Lang, error: BaseException) -> str:
    """What went wrong, in words for the person, and what to do; never a stack trace."""
    if isinstance(error, FormInvalid):
        return " ".join(error.errors.values())
    if isinstance(error, NotAllowed | storage_errors.AccessDenied):
        return text(lang, "error.access_denied")
    if isinstance(error, storage_errors.ReceiptInvalid):
        return text(lang, "error.receipt_invalid")
    if isinstance(error, storage_errors.RateLimited):
        return text(lang, "error.rate_limited")
    if isinstance(error, storage_errors.NotFound):
        return text(lang, "error.not_found", detail=error)
    if isinstance(error, storage_errors.InvalidTransition | storage_errors.ValidationFailed):
        return text(lang, "error.invalid", detail=error)
    if isinstance(error, KnowledgeError | IngestionError):
        return text(lang, "error.knowledge", detail=error)
    if isinstance(error, storage_errors.StorageError | CoreError):
        return text(lang, "error.storage")
    return text(lang, "error.unexpected")
