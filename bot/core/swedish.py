"""Swedish for the public pages: anyone may report or ask, also a supplier's Swedish staff.

`messages.text("sv", key)` reads this table; a key missing here falls back to English. The
chat and the team's pages are Norwegian and English only. `tests/bot/test_web_swedish.py`
checks that every text the public pages use is here, with the same placeholders.
"""

from __future__ import annotations

from enum import StrEnum

from storage.models import CaseCategory, CaseOutcome, CaseStatus

SV_MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")

TEXTS: dict[str, str] = {
    # Reporting a concern
    "report.title": "Rapportera ett missförhållande",
    "report.category": "Vad gäller det?",
    "report.supplier": "Leverantör eller affärspartner",
    "report.supplier_hint": "Namnet, om du vet det. Kända leverantörer kopplas till registret.",
    "report.country": "Land",
    "report.country_hint": "T.ex. Bangladesh eller BD.",
    "report.description": "Vad hände?",
    "report.description_hint": (
        "Beskriv vad du vet: vad, var, vem som drabbas. Utelämna ditt eget namn om du vill "
        "vara anonym."
    ),
    "report.when": "När hände det?",
    "report.when_hint": "T.ex. ”mars 2026” eller ”pågår”.",
    "report.submit": "Skicka",
    "report.received_title": "Tack, din rapport har kommit in",
    "report.received": "Ärendets referens: *{reference}*",
    "report.deadlines": (
        "Mottagandet bekräftas senast {acknowledge}, och du får återkoppling senast {feedback}."
    ),
    "report.linked": "Ärendet är kopplat till leverantören {supplier} i registret.",
    "report.store_failed": (
        "Rapporten kunde inte sparas: {reason} Din text finns kvar i formuläret; skicka igen."
    ),
    "web.report.kept": (
        "Den här sidan sparar inte din IP-adress, din webbläsare eller något annat som visar "
        "vem du är. Det du skriver lagras krypterat och läses bara av compliance-teamet. Med "
        "kvittokoden följer du ärendet och kan svara på frågor, utan att uppge ditt namn."
    ),
    "web.report.receipt_note": (
        "Det här är din kvittokod. Skriv upp den nu: den visas bara den här gången och kan "
        "inte hämtas igen. Med den ser du status och svar från compliance-teamet."
    ),
    "web.report.follow": "Följ ett ärende du har rapporterat",
    "web.report.status_link": "Har du en kvittokod? Följ ditt ärende här.",
    "web.form_expired": (
        "Formuläret hade gått ut eller var inte giltigt. Inget sparades; försök igen."
    ),
    # Following a case by receipt
    "status.title": "Följ ditt ärende",
    "status.receipt": "Kvittokod",
    "status.receipt_hint": "De 16 siffrorna du fick när du rapporterade.",
    "status.show": "Visa",
    "status.summary": "Ärende *{reference}*, mottaget {received}: *{status}*",
    "status.outcome": "Utfall: {outcome}",
    "status.messages": "Meddelanden från compliance-teamet",
    "status.no_messages": "Inga meddelanden från compliance-teamet ännu.",
    "status.reply": "Svara compliance-teamet",
    "status.send_reply": "Skicka svar",
    "status.reply_sent": "Ditt svar har lagts till i ärende {reference}.",
    # Asking for information (§ 6)
    "request.public_title": "Begär information (norska åpenhetsloven § 6)",
    "request.public_intro": (
        "Alla har rätt att begära information om hur vi hanterar faktiska och möjliga negativa "
        "konsekvenser för grundläggande mänskliga rättigheter och anständiga arbetsvillkor, "
        "även för en viss vara eller tjänst. Vi svarar skriftligt inom rimlig tid och senast "
        "tre veckor efter att vi tog emot begäran."
    ),
    "request.public_kept": (
        "Vi sparar ditt namn och din kontaktuppgift för att kunna svara dig, och det du frågar "
        "om. Bara compliance-teamet läser det. Sidan sparar inte din IP-adress eller "
        "webbläsare. Vill du rapportera ett möjligt missförhållande, använd i stället "
        "formuläret för rapporter: där kan du vara anonym."
    ),
    "request.public_name": "Ditt namn",
    "request.public_contact": "E-post eller postadress för svaret",
    "request.public_question": "Vad vill du veta?",
    "request.public_concerns": "Gäller det en viss vara, tjänst eller leverantör? (valfritt)",
    "request.public_submit": "Skicka begäran",
    "request.public_received_title": "Din begäran har tagits emot",
    "request.public_received": "Referens: {reference}. Du får ett skriftligt svar senast {due}.",
    "request.public_received_note": (
        "Ange referensen om du kontaktar oss om begäran. Behöver vi mer tid för att svaret är "
        "oproportionerligt betungande meddelar vi dig skriftligt före tidsfristen, med skälet "
        "och när du får svaret."
    ),
    "request.public_link": (
        "Vill du hellre fråga hur vi följer upp våra leverantörer? Skicka en begäran enligt "
        "norska åpenhetsloven § 6."
    ),
    # Supplier self-assessment questionnaires
    "saq.email.subject": "Självbedömning för {supplier}: svara senast {deadline}",
    "saq.email.body": (
        "Hej,\n\n{sender} ber {supplier} fylla i en självbedömning om mänskliga rättigheter, "
        "arbetsvillkor, miljö och antikorruption, som en del av due diligence enligt den norska "
        "åpenhetsloven.\n\nÖppna formuläret här (inget konto behövs):\n{link}\n\nSvaren "
        "sparas medan du fyller i, så du kan komma tillbaka med samma länk. Skicka in senast "
        "{deadline}; länken fungerar till dess. Den som skickar in bekräftar svaren med namn "
        "och roll.\n\nLänken gäller bara för {supplier}: dela den inte utanför företaget.\n"
    ),
    "saq.reminder.subject": "Påminnelse: självbedömning för {supplier}, senast {deadline}",
    "saq.reminder.body": (
        "Hej,\n\nSjälvbedömningen som {sender} skickade till {supplier} {sent} har inte "
        "skickats in ännu. Sista dag är {deadline}.\n\nFortsätt här:\n{link}\n\nSvar som "
        "redan har sparats finns kvar.\n"
    ),
    "saq.refused.invalid": (
        "Länken är inte giltig, eller så har en nyare ersatt den. Använd den senaste länken du "
        "fick, eller be din kontaktperson om en ny."
    ),
    "saq.refused.expired": (
        "Länken har gått ut, och inget har ändrats. Be din kontaktperson om en ny länk; svar "
        "som redan har sparats finns kvar."
    ),
    "saq.refused.cancelled": (
        "Den här självbedömningen har dragits tillbaka, och inget har ändrats."
    ),
    "saq.refused.submitted": "Självbedömningen är inskickad och kan inte ändras längre.",
    "saq.missing": "Svara på alla obligatoriska frågor innan du skickar in ({count} saknas).",
    "saq.question_missing": "Den här frågan måste besvaras.",
    "saq.confirm_required": "Ange namn och roll för den som bekräftar svaren.",
    "web.saq.for": "För {supplier}",
    "web.saq.deadline": "Sista dag: {deadline}. Länken fungerar till dess.",
    "web.saq.progress": "{answered} av {total} frågor besvarade",
    "web.saq.missing_title": "Saknar svar:",
    "web.saq.required": "obligatorisk",
    "web.saq.attach": "Bifoga ett dokument",
    "web.saq.attach_hint": "PDF, PNG, JPEG, Word (DOCX) eller Excel (XLSX), högst {mb} MB.",
    "web.saq.attached": "Bifogat",
    "web.saq.file_refused": (
        "{name} bifogades inte ({detail}). Vi tar emot PDF, PNG, JPEG, Word (DOCX) och Excel "
        "(XLSX) på högst {mb} MB. Allt annat är sparat."
    ),
    "web.saq.save": "Spara svaren",
    "web.saq.saving": "Sparar …",
    "web.saq.saved": "Sparat",
    "web.saq.not_saved": "Inte sparat: {reason}",
    "web.saq.saved_notice": "Dina svar är sparade.",
    "web.saq.submit_title": "Bekräfta och skicka in",
    "web.saq.name": "Ditt namn",
    "web.saq.role": "Din roll",
    "web.saq.role_hint": "T.ex. vd eller ansvarig för hållbarhet.",
    "web.saq.confirm": (
        "Jag bekräftar att svaren är riktiga så långt jag vet, och att jag får svara för "
        "{supplier}."
    ),
    "web.saq.confirm_box": "Kryssa i rutan för att bekräfta svaren.",
    "web.saq.submit": "Skicka in",
    "web.saq.receipt_title": "Tack, självbedömningen är inskickad",
    "web.saq.receipt": "Inskickad av {name} ({role}) {day}.",
    "web.saq.read_only": (
        "Svaren kan inte ändras längre. Kontakta företaget som skickade formuläret om något "
        "behöver rättas."
    ),
    "web.saq.unanswered": "Inte besvarad",
    "web.saq.refused_title": "Länken fungerar inte",
    "web.saq.refused_help": "Kontakta företaget som skickade länken till dig, så får du en ny.",
    # Errors on the public pages
    "error.category_required": "Välj vad det gäller.",
    "error.description_required": "Beskriv vad som hände.",
    "error.description_too_long": "Texten är för lång (högst {limit} tecken).",
    "error.too_long": "För långt (högst {limit} tecken).",
    "error.unknown_country": "Okänt land. Skriv namnet (t.ex. Bangladesh) eller koden (BD).",
    "error.receipt_format": "En kvittokod har 16 siffror.",
    "error.receipt_invalid": "Inget ärende har den här kvittokoden. Kontrollera siffrorna.",
    "error.rate_limited": "För många felaktiga koder. Vänta 15 minuter och försök igen.",
    "error.reply_required": "Skriv ett svar.",
    "error.name_required": "Skriv ditt namn.",
    "error.reach_you_required": "Skriv vart svaret ska skickas.",
    "error.ask_required": "Skriv vad du vill veta.",
    "error.busy": (
        "Väldigt många inskick kommer in just nu. Inget sparades, och din text finns kvar i "
        "formuläret: vänta en minut och skicka igen."
    ),
    "error.not_found": "Hittades inte: {detail}.",
    "error.invalid": "Det går inte: {detail}.",
    "error.storage": ("Registret svarade inte. Inget har ändrats; försök igen om en stund."),
    "error.unexpected": (
        "Något gick fel hos oss. Inget av det du skrev har publicerats; försök igen."
    ),
}

LABELS: dict[StrEnum, str] = {
    CaseCategory.FORCED_LABOUR: "Tvångsarbete",
    CaseCategory.CHILD_LABOUR: "Barnarbete",
    CaseCategory.WAGES_AND_BENEFITS: "Lön och förmåner",
    CaseCategory.WORKING_HOURS: "Arbetstid",
    CaseCategory.HEALTH_AND_SAFETY: "Hälsa och säkerhet",
    CaseCategory.DISCRIMINATION_AND_HARASSMENT: "Diskriminering och trakasserier",
    CaseCategory.FREEDOM_OF_ASSOCIATION: "Föreningsfrihet",
    CaseCategory.ENVIRONMENT: "Miljö",
    CaseCategory.CORRUPTION_AND_BRIBERY: "Korruption och mutor",
    CaseCategory.OTHER: "Annat",
    CaseStatus.RECEIVED: "Mottaget",
    CaseStatus.ACKNOWLEDGED: "Bekräftat",
    CaseStatus.INVESTIGATING: "Under utredning",
    CaseStatus.CLOSED: "Avslutat",
    CaseOutcome.SUBSTANTIATED: "Bekräftat missförhållande",
    CaseOutcome.NOT_SUBSTANTIATED: "Inte styrkt",
    CaseOutcome.REFERRED: "Hänvisat vidare",
    CaseOutcome.WITHDRAWN: "Återkallat",
}
