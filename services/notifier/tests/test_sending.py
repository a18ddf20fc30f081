"""Sending: consent at send time, retries, failover, quiet hours, dead letters, restarts,
unsubscribe links."""

import ssl
from datetime import timedelta
from email.message import EmailMessage
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from aiosmtpd.smtp import AuthResult
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from harness import (
    PARTNER,
    Mailbox,
    attempts,
    due_now,
    free_port,
    now,
    queue,
    rows,
    settled,
    welcome,
)

from milagro_contracts.registry import ConsentPurpose, ParticipantConsentChanged
from milagro_kit.testing.plugin import eventually
from milagro_notifier import unsubscribe
from milagro_notifier.queue import Notification
from milagro_notifier.store import communications_consent
from milagro_notifier.templates import render
from milagro_platform.mailcatcher import MailCatcher

LOCALES = [
    ("sr", "Europe/Belgrade"),
    ("it", "Europe/Rome"),
    ("nl", "Europe/Amsterdam"),
    ("en", "UTC"),
]


async def test_sent_once_with_both_parts_and_an_unsubscribe_header(notifier, registry, mailbox):
    anna = registry.add("it")
    async with notifier() as api:
        await queue(api, welcome(anna))
        [row] = await settled(api, 1)
    assert row.state == "sent"
    [mail] = mailbox.to(registry.email(anna))
    assert mail["Content-Language"] == "it"
    assert mail["Subject"] == "Benvenuta, benvenuto in MILAGRO"
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert mail["List-Unsubscribe"].startswith("<http")
    assert {p.get_content_type() for p in mail.iter_parts()} == {"text/plain", "text/html"}


async def test_a_batch_is_looked_up_at_once_and_its_mail_reads_in_each_language(
    notifier, registry, mailbox
):
    people = {registry.add(language, zone): (language, zone) for language, zone in LOCALES}
    context = {"starts_at": "2026-12-01T17:00:00+00:00", "duration_minutes": 45}
    wanted = [
        Notification(
            dedup=f"test:{person}",
            kind="session_scheduled",
            template="session_scheduled",
            partner=PARTNER,
            participant_id=person,
            context=context,
        )
        for person in people
    ]
    async with notifier() as api:
        await queue(api, *wanted)
        await settled(api, len(wanted))
    assert registry.look_ups == 1  # one request for the batch, not one per e-mail
    for person, (language, zone) in people.items():
        [mail] = mailbox.to(registry.email(person))  # parsed by Python's e-mail parser
        link = mail["List-Unsubscribe"].strip("<>")
        expected = render("session_scheduled", context, language, zone, link)
        assert mail["Subject"] == expected.subject
        assert mail["Content-Language"] == language
        text, html = mail.get_body(("plain",)), mail.get_body(("html",))
        assert isinstance(text, EmailMessage) and isinstance(html, EmailMessage)
        parts = [p.get_content().replace("\r\n", "\n") for p in (text, html)]  # CRLF: SMTP's
        assert parts == [expected.text, expected.html]
        assert not mail.defects and not text.defects and not html.defects
    sr = mailbox.to(registry.email(next(p for p, (lang, _) in people.items() if lang == "sr")))
    assert "Koučing sesija" in sr[0]["Subject"]  # encoded words, decoded back
    assert sr[0]["Subject"].isascii() is False


async def test_consent_withdrawn_between_queueing_and_sending(notifier, registry, mailbox, bus):
    withdrawn, refused_by_registry = registry.add(), registry.add()
    registry.refused[refused_by_registry] = 403
    async with notifier() as api:
        later = now() + timedelta(hours=1)
        await queue(api, welcome(withdrawn, due_at=later), welcome(refused_by_registry))
        await bus.publish(
            ParticipantConsentChanged(
                partner=PARTNER,
                participant_id=withdrawn,
                purpose=ConsentPurpose.communications,
                given=False,
                text_version="2024-01",
                changed_at=now(),
            )
        )

        async def recorded() -> bool:
            return any(not r.given for r in await rows(api, communications_consent))

        await eventually(recorded)  # then the e-mail falls due (as if an hour had gone by)
        await due_now(api)
        found = await settled(api, 2)
    assert {r.state for r in found} == {"skipped"}
    reasons = {r.participant_id: r.last_error for r in found}
    assert reasons[withdrawn] == "communications consent withdrawn"
    assert "no-communications-consent" in reasons[refused_by_registry]
    assert mailbox.messages == []


async def test_smtp_down_then_back_is_retried_and_sent_once(notifier, registry, mailbox):
    anna = registry.add()
    mailbox.stop()
    async with notifier() as api:
        await queue(api, welcome(anna))

        async def failed_twice() -> bool:
            return len(await attempts(api)) >= 2

        await eventually(failed_twice)
        mailbox.start()
        [row] = await settled(api, 1)
    assert row.state == "sent" and row.attempts >= 3
    assert len(mailbox.to(registry.email(anna))) == 1
    outcomes = [a.outcome for a in sorted(await attempts(api), key=lambda a: a.at)]
    assert outcomes[-1] == "sent" and set(outcomes[:-1]) == {"failed"}


async def test_primary_relay_down_fails_over(notifier, registry, mailbox):
    anna = registry.add()
    down = f"smtp://127.0.0.1:{free_port()}"
    async with notifier(smtp_url=down, smtp_fallback_url=mailbox.url) as api:
        await queue(api, welcome(anna))
        [row] = await settled(api, 1)
        logged = sorted(await attempts(api), key=lambda a: a.at)
    assert row.state == "sent" and row.attempts == 1
    assert [(a.relay.split(":")[1], a.outcome) for a in logged] == [
        (down.rsplit(":", 1)[1], "failed"),
        (str(mailbox.port), "sent"),
    ]
    assert len(mailbox.messages) == 1


class DroppingMailbox(Mailbox):
    """A relay that takes two e-mails per connection, then drops the connection in the
    middle of the third (before answering its data: that one is not taken)."""

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        session.taken = getattr(session, "taken", 0) + 1
        if session.taken > 2:
            server.transport.close()
            return "421 gone"  # never read: the connection is closed
        return await super().handle_DATA(server, session, envelope)


async def test_a_relay_dropping_the_connection_mid_batch_gets_each_e_mail_once(notifier, registry):
    relay = DroppingMailbox()
    relay.start()
    people = [registry.add() for _ in range(12)]
    try:
        async with notifier(smtp_url=relay.url, smtp_connections=2) as api:
            await queue(api, *(welcome(p) for p in people))
            done = await settled(api, len(people))
            logged = await attempts(api)
    finally:
        relay.stop()
    assert {r.state for r in done} == {"sent"} and {r.attempts for r in done} == {1}
    assert sorted(len(relay.to(registry.email(p))) for p in people) == [1] * len(people)
    lost = [a for a in logged if a.outcome == "failed"]
    assert lost and all("connection lost" in a.detail for a in lost)
    assert len([a for a in logged if a.outcome == "sent"]) == len(people)


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, as files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "127.0.0.1")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now() - timedelta(days=1))
        .not_valid_after(now() + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "relay.pem", folder / "relay.key"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert, private


async def test_a_relay_wanting_starttls_and_a_password(notifier, registry, tmp_path, monkeypatch):
    cert, key = self_signed(tmp_path)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the notifier trusts the relay's certificate
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)

    def password(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        return AuthResult(success=(data.login, data.password) == (b"milagro", b"s3cret"))

    relay = Mailbox()
    relay.start(tls_context=tls, require_starttls=True, auth_required=True, authenticator=password)
    anna = registry.add()
    in_clear = f"smtp://milagro:s3cret@127.0.0.1:{relay.port}"  # refused: no STARTTLS
    right = f"{in_clear}?starttls=true"
    try:
        async with notifier(smtp_url=in_clear, smtp_fallback_url=right) as api:
            await queue(api, welcome(anna))
            [row] = await settled(api, 1)
            logged = sorted(await attempts(api), key=lambda a: a.at)
    finally:
        relay.stop()
    assert row.state == "sent"
    assert [a.outcome for a in logged] == ["failed", "sent"]
    assert "SMTP" in logged[0].detail and "s3cret" not in logged[0].relay + logged[0].detail
    assert len(relay.to(registry.email(anna))) == 1  # over TLS: the relay takes nothing before


async def test_quiet_hours_in_each_persons_time_zone(notifier, registry, mailbox):
    # quiet hours around now in Rome: Rome waits, Tokyo (8 h ahead) does not
    rome = now().astimezone(ZoneInfo("Europe/Rome"))
    start = (rome - timedelta(hours=1)).time().replace(second=0, microsecond=0)
    end = (rome + timedelta(hours=1)).time().replace(second=0, microsecond=0)
    anna, kenji, urgent = (
        registry.add("it", "Europe/Rome"),
        registry.add("en", "Asia/Tokyo"),
        registry.add("it", "Europe/Rome"),
    )
    async with notifier(quiet_from=start, quiet_until=end) as api:
        soon = now() + timedelta(minutes=30)  # 07:00 would be too late: sent now
        await queue(api, welcome(anna), welcome(kenji), welcome(urgent, latest_at=soon))

        async def kenji_and_urgent_sent() -> bool:
            return len(mailbox.messages) == 2

        await eventually(kenji_and_urgent_sent)
        found = {r.participant_id: r for r in await rows(api)}
    assert found[anna].state == "pending"
    assert found[anna].due_at.astimezone(ZoneInfo("Europe/Rome")).time() == end
    assert found[kenji].state == found[urgent].state == "sent"


async def test_dead_letter_listed_and_replayed(notifier, registry, mailbox, mint):
    anna = registry.add()
    mailbox.stop()
    async with notifier(send_max_attempts=2) as api:
        await queue(api, welcome(anna))
        [row] = await settled(api, 1)
        assert row.state == "dead"
        listed = await api.client.get("/v1/dead-letters", headers=api.as_(PARTNER))
        assert [d["id"] for d in listed.json()] == [str(row.id)]
        other = await api.client.get("/v1/dead-letters", headers=api.as_("NL-UTRECHT"))
        assert other.json() == []
        refused = await api.client.post(
            f"/v1/dead-letters/{row.id}/replay", headers=api.as_("NL-UTRECHT")
        )
        assert refused.status_code == 404
        mailbox.start()
        replayed = await api.client.post(
            f"/v1/dead-letters/{row.id}/replay", headers=api.as_(PARTNER)
        )
        assert replayed.status_code == 202
        [row] = await settled(api, 1)
    assert row.state == "sent"
    assert len(mailbox.messages) == 1


async def test_a_restart_sends_pending_reminders_once(notifier, registry, mailbox):
    anna = registry.add()
    async with notifier() as api:
        await queue(api, welcome(anna, due_at=now() + timedelta(seconds=1.5)))
    assert mailbox.messages == []
    settings: Any = api.settings
    async with notifier(database_url=settings.database_url) as restarted:
        restarted.settings = settings
        [row] = await settled(restarted, 1)
    assert row.state == "sent"
    assert len(mailbox.messages) == 1


async def test_unsubscribe_link_works_without_logging_in(notifier, registry, mailbox):
    anna = registry.add("nl")
    async with notifier() as api:
        await queue(api, welcome(anna))
        await settled(api, 1)
        link = mailbox.messages[0]["List-Unsubscribe"].strip("<>")
        path = link.split("://", 1)[1].split("/", 1)[1]
        page = await api.client.get(f"/{path}")
        assert page.status_code == 200 and "<form" in page.text
        assert '<html lang="nl">' in page.text and "Afmelden voor deze e-mails" in page.text
        secret = api.settings.unsubscribe_secret.get_secret_value()
        payload = f"{anna.hex}.welcome"  # as links were signed before they had a language
        earlier = f"{payload}.{unsubscribe._mac(secret, payload)}"
        before_languages = await api.client.get(f"/v1/unsubscribe/{earlier}")
        assert "Stop these e-mails?" in before_languages.text  # a link sent before: English
        forged = await api.client.post(f"/{path[:-3]}xyz", content="List-Unsubscribe=One-Click")
        assert forged.status_code == 404
        foreign = await api.client.get(f"/{path[:-3]}Úžđ")  # found by schemathesis: was a 500
        assert foreign.status_code == 404
        done = await api.client.post(
            f"/{path}",
            content="List-Unsubscribe=One-Click",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert done.status_code == 200 and "U bent afgemeld." in done.text
        preferences = await api.client.get(
            f"/v1/participants/{anna}/preferences", headers=api.admin
        )
        await queue(api, welcome(anna))
        found = await settled(api, 2)
    assert preferences.status_code == 404  # not in the notifier's directory: no registration
    assert sorted(r.state for r in found) == ["sent", "skipped"]
    assert len(mailbox.messages) == 1


async def test_the_local_catcher_files_mail_shown_at_dev_mail(notifier, registry, tmp_path):
    catcher = MailCatcher(tmp_path / "mail", free_port())
    catcher.start()
    anna = registry.add("sr")
    try:
        async with notifier(smtp_url=catcher.url, dev_mail_dir=str(catcher.folder)) as api:
            await queue(api, welcome(anna))
            await settled(api, 1)
            page = await api.client.get("/dev/mail")
    finally:
        catcher.stop()
    assert page.status_code == 200
    assert "1 e-mails caught" in page.text and "Dobro došli u MILAGRO" in page.text


async def test_no_dev_mail_page_unless_enabled(notifier):
    async with notifier() as api:
        assert (await api.client.get("/dev/mail")).status_code == 404


async def test_an_e_mail_without_texts_holds_back_no_other(notifier, registry, mailbox):
    anna = registry.add()
    broken = Notification(
        dedup="broken", kind="nothing", template="nothing", partner=PARTNER, participant_id=anna
    )
    async with notifier(send_max_attempts=2) as api:
        await queue(api, broken, welcome(anna))
        found = {r.kind: r for r in await settled(api, 2)}
    assert found["welcome"].state == "sent"
    assert found["nothing"].state == "dead" and "KeyError" in found["nothing"].last_error
