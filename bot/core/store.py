"""Opening the register: a private data dir, the database migrated, and the keys that open it.

Every process that touches the register (the bots, the web app, the CLI) opens it here, so
the rules about keys hold everywhere: a key file is made only for a register holding nothing
encrypted, and keys that do not open what is stored stop start-up with a clear error.

Usage::

    engine, keyring = open_store(load_settings())
"""

from __future__ import annotations

from sqlalchemy import Engine

from bot.settings import Settings
from storage.crypto import Keyring, load_keyring
from storage.db import make_engine, make_sessionmaker
from storage.private import make_private
from storage.schema import upgrade_engine
from storage.services.keys import (
    check_keyring,
    give_cases_keys,
    holds_secrets,
    passphrase_salt,
    seal_marked,
)


def open_store(settings: Settings) -> tuple[Engine, Keyring]:
    """The register, migrated, and the keys that open it, in a private data dir.

    A key file is created only for a register holding nothing encrypted, and the keys are
    checked against what is stored, so a lost or wrong key stops start-up with a clear error.
    """
    make_private(settings.data_dir)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else None
    engine = make_engine(settings.resolved_database_url)
    try:
        upgrade_engine(engine)
        with make_sessionmaker(engine)() as session:
            keyring = load_keyring(
                secret=secret,
                path=settings.resolved_key_file,
                may_create=not holds_secrets(session),
                salt=passphrase_salt(session) if secret else None,
                case_key_dir=settings.resolved_case_key_dir,
            )
            check_keyring(session, keyring)
            seal_marked(session, keyring)
            give_cases_keys(session, keyring)
    except BaseException:
        engine.dispose()
        raise
    return engine, keyring
