"""The audit log is hash-chained: editing or removing an event is detected."""

from __future__ import annotations

from sqlalchemy import text

from db.services import audit
from db.services.hub import Services
from db.vault.vault import Vault


def test_chain_is_intact_and_detects_tampering(vault: Vault, services: Services) -> None:
    for n in range(5):
        services.audit.record("export", "vault", "", {"n": n})
    assert services.audit.count() == 6  # vault_created + five exports
    assert services.audit.verify_chain() is None
    with vault.database.write() as session:
        session.execute(text("UPDATE audit_event SET detail = :d WHERE seq = 4"),
                        {"d": '{"n":99}'})
    assert services.audit.verify_chain() == 4


def test_removing_an_event_is_detected(vault: Vault, services: Services) -> None:
    for _ in range(3):
        services.audit.record("unlock")
    with vault.database.write() as session:
        session.execute(text("DELETE FROM audit_event WHERE seq = 2"))
    assert services.audit.verify_chain() == 3


def test_events_recorded_together_chain_like_events_recorded_alone(
        vault: Vault, services: Services) -> None:
    services.audit.record("unlock")
    with vault.database.write() as session:
        audit.record_many(session, [audit.Event("finalize", "session", n) for n in range(3)])
        audit.record_many(session, [])
        audit.record(session, "addendum", "session", 7, {"n": 1})
    services.audit.record("lock")
    events = services.audit.events()
    assert [e.seq for e in events] == list(range(7, 0, -1))
    assert [e.action for e in events][:5] == ["lock", "addendum", "finalize", "finalize",
                                              "finalize"]
    assert services.audit.verify_chain() is None


def test_settings_round_trip(services: Services) -> None:
    import pytest

    from db.errors import ValidationError

    assert services.settings.load().auto_lock_minutes == 10
    services.settings.update(auto_lock_minutes=3)
    assert services.settings.load().auto_lock_minutes == 3
    with pytest.raises(ValidationError):
        services.settings.update(auto_lock_minutes=0)
    assert services.settings.load().auto_lock_minutes == 3


def test_every_change_of_keys_is_in_the_log_and_no_secret_with_it(
        vault: Vault, services: Services) -> None:
    from db.crypto.kdf import Argon2Params
    from tests.conftest import PASSPHRASE

    fast = Argon2Params.minimum()
    new = "seven quiet birds over water"
    vault.change_passphrase(PASSPHRASE, new, fast)
    recovery = vault.new_recovery_key()
    second = vault.rekey(PASSPHRASE, params=fast)
    services = Services.for_vault(vault)  # the database was reopened under the new key
    actions = [e.action for e in reversed(services.audit.events())]
    assert actions[-3:] == ["passphrase_changed", "recovery_key_replaced", "vault_reencrypted"]
    assert services.audit.verify_chain() is None
    logged = " ".join(f"{e.entity_type} {e.entity_id} {e.detail}" for e in services.audit.events())
    for secret in (PASSPHRASE, new, recovery, second):
        assert secret not in logged
