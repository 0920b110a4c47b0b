"""What every flow works with: the knowledge base, the register and a few limits.

One `Core` is built per process by `open_core(settings)` and handed to each flow; the flows
are plain functions in `bot.core.ask`, `report`, `receipt`, `review`, `tasks`, `requests`,
`documents` and `reminders`, so Slack, Teams, the web and the terminal call the same code.

Usage::

    core = open_core(load_settings())
    view = ask.answer(core, person=person, question="Hva er fristen?", place=place)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.core.flood import FloodGuard
from bot.core.outreach import Outreach, outreach_from
from bot.core.store import open_store
from bot.settings import Settings
from knowledge.answer import Composer
from knowledge.engine import KnowledgeBase
from storage.crypto import keyring_for
from storage.db import make_sessionmaker
from storage.private import make_private
from storage.risk import ReferenceData, load_reference_data
from storage.services import claims

WARM_UP_QUESTION = "Hva er fristen for å svare på et informasjonskrav?"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Core:
    """The shared state of the flows; cheap to pass around, built once."""

    knowledge: KnowledgeBase
    sessions: sessionmaker[Session]
    uploads_dir: Path
    max_file_bytes: int
    chunk_words: int
    reference: ReferenceData
    checkpoints_dir: Path
    """Where signed checkpoints of the audit trail's head are kept (outside the database)."""
    clock: Callable[[], datetime] = _utcnow
    engine: Engine | None = None
    flood: FloodGuard = field(default_factory=FloodGuard)
    outreach: Outreach = field(default_factory=Outreach)
    """E-mail and questionnaire-link settings (`bot.core.outreach`)."""
    _knowledge_lock: threading.RLock = field(default_factory=threading.RLock)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A register session, closed when the block ends (services commit their own work)."""
        with self.sessions() as session:
            yield session

    @contextmanager
    def knowledge_lock(self) -> Iterator[KnowledgeBase]:
        """The knowledge base, one caller at a time: the embedder is not shared across threads."""
        with self._knowledge_lock:
            yield self.knowledge

    def derived_key(self, purpose: str) -> str:
        """A secret for `purpose` (cookie signing, sign-in links) derived from the register's
        keys, so no second secret has to be configured."""
        with self.session() as session:
            return keyring_for(session).lookup(purpose)

    def first_delivery(self, key: str) -> bool:
        """True the first time `key` is seen by any process on this database, False after."""
        with self.session() as session:
            return claims.claim(session, key=key, now=self.now())

    def now(self) -> datetime:
        """The current time in UTC (tests pass a fixed clock)."""
        return self.clock()

    def close(self) -> None:
        """Release the database connections."""
        if self.engine is not None:
            self.engine.dispose()


def open_core(settings: Settings, *, seed: bool = True) -> Core:
    """Open the knowledge base and the register in the configured places, migrated and ready.

    Args:
        seed: index the bundled guide and samples when the knowledge base is empty, and warm
            the models up for serving.
    """
    engine, keyring = open_store(settings)
    knowledge = open_knowledge(settings)
    if seed:
        knowledge.seed_if_empty(chunk_words=settings.chunk_words)
        warm_up(knowledge)
    return Core(
        knowledge=knowledge,
        sessions=make_sessionmaker(engine, keyring=keyring),
        uploads_dir=settings.data_dir / "uploads",
        max_file_bytes=settings.max_file_mb * 2**20,
        chunk_words=settings.chunk_words,
        reference=load_reference_data(settings.data_dir / "reference"),
        checkpoints_dir=settings.resolved_checkpoint_dir,
        engine=engine,
        flood=FloodGuard(settings.public_limits, storage_uri=settings.public_limit_storage),
        outreach=outreach_from(settings),
    )


def warm_up(knowledge: KnowledgeBase) -> None:
    """Load the language models, the embedder and the lexical caches before serving, so the
    first question does not stall everyone else's acknowledgement while they load."""
    knowledge.compose(WARM_UP_QUESTION, knowledge.retrieve(WARM_UP_QUESTION))


def open_knowledge(settings: Settings) -> KnowledgeBase:
    """Open the knowledge base in the (private) data dir with the configured embedder and
    composer."""
    make_private(settings.data_dir)
    return KnowledgeBase.open(
        settings.data_dir / "knowledge",
        embedder=settings.embedder,
        chroma_url=settings.chroma_url,
        composer=make_composer(settings),
        top_k=settings.top_k,
    )


def make_composer(settings: Settings) -> Composer | None:
    """The configured LLM composer, or None for extractive answers."""
    if not settings.llm:
        return None
    from knowledge.llm import LLMComposer, make_chat_model

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    return LLMComposer(make_chat_model(settings.llm, base_url=settings.llm_base_url, api_key=key))
