"""Document text is data on every surface: a quote with brackets, `<`, `*`, `_`, backticks
and a URL-like string comes out exactly as written (issue 15, finding 1)."""

from __future__ import annotations

from bot.core.ask import AnswerView, group_sources
from bot.slack.blocks import answer_blocks, escape
from bot.teams.cards import answer_card
from knowledge.answer import Answer, Citation

QUOTE = (
    "skal [ikke] bruke <innleid> *arbeidskraft* _nå_ `rm` [link=http://evil.example]trykk[/link]"
)
TITLE = "Kode <b>*A*</b> & co_"


def view() -> AnswerView:
    citation = Citation(
        number=1, title=TITLE, source="x.md", location="§ 7 <første>", score=1.0, quote=QUOTE
    )
    answer = Answer(text=f"«{QUOTE}» [1]", found=True, sources=(citation,), language="nb")
    return AnswerView(
        answer=answer,
        answer_id=1,
        language="nb",
        sources=group_sources(answer.sources),
        offer_report=False,
    )


def test_slack_quotes_travel_in_rich_text_verbatim() -> None:
    rich = next(block for block in answer_blocks(view()) if block["type"] == "rich_text")

    assert rich["elements"][0]["elements"][0] == {"type": "text", "text": f"«{QUOTE}» [1]"}


def test_slack_document_strings_in_mrkdwn_cannot_format_or_link() -> None:
    sources = next(b for b in answer_blocks(view()) if b["type"] == "context")["elements"][0]

    assert "<b>" not in sources["text"] and "&lt;b&gt;" in sources["text"]
    assert "&amp; co" in sources["text"]
    assert "*A*" not in sources["text"]  # the marks are defused with a word joiner
    assert escape("a*b*c").replace("\u2060", "") == "a*b*c"


def test_teams_quotes_and_titles_travel_in_text_runs_verbatim() -> None:
    card = answer_card(view())
    runs = [
        inline
        for element in card["body"]
        if element["type"] == "RichTextBlock"
        for inline in element["inlines"]
    ]

    assert all(run["type"] == "TextRun" for run in runs)  # a TextRun is never read as Markdown
    assert runs[0]["text"] == f"«{QUOTE}» [1]"
    assert any(run["text"] == f"{TITLE} [1] § 7 <første>" for run in runs)
    assert not [element for element in card["body"] if element["type"] == "TextBlock"]
