"""Webhooks end to end: events on the bus reach a real HTTP receiver that verifies every
delivery with the `standardwebhooks` package, as a partner's system would."""

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select
from standardwebhooks import Webhook

from milagro_contracts import spec_of
from milagro_contracts.registry import PartnerKind, PartnerRegistered
from milagro_kit.database import Database
from milagro_kit.testing.auth import trusting
from milagro_kit.testing.plugin import Api, eventually, running
from milagro_notifier.service import service
from milagro_notifier.store import notifications
from milagro_notifier.templates import render

NL, IT = "NL-UTRECHT", "IT-SIENA"
PARTNER_REGISTERED = spec_of(PartnerRegistered).type
FAST = {  # the retry schedule shrunk from days to fractions of a second
    "webhook_retry_schedule_s": [0.1, 0.1, 0.1],
    "webhook_jitter": 0.0,
    "webhook_poll_s": 0.05,
    "webhook_timeout_s": 2.0,
    "webhook_allow_internal_urls": True,  # the receiver listens on 127.0.0.1
}


@dataclass
class Receiver:
    """A partner's endpoint: keeps what it gets; answers 500 while `failing` (the next
    `fail_next` requests, or all while `failing_always`)."""

    url: str = ""
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    fail_next: int = 0
    failing_always: bool = False
    answered: list[int] = field(default_factory=list)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        failing = self.failing_always or self.fail_next > 0
        self.fail_next -= 1
        status = 500 if failing else 204
        self.answered.append(status)
        if not failing:
            headers = {k.decode(): v.decode() for k, v in scope["headers"]}
            self.received.append((headers, body))
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    def events(self, *secrets: str) -> list[dict[str, Any]]:
        """Every delivery received, verified with each of `secrets` (raises if one fails)."""
        verified = []
        for headers, body in self.received:
            for secret in secrets:
                verified.append(Webhook(secret).verify(body, headers))
        return verified


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(receiver, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        await asyncio.sleep(0.01)
    receiver.url = f"http://127.0.0.1:{sock.getsockname()[1]}/hooks"
    yield receiver
    server.should_exit = True
    await task


def registered(partner: str, name: str = "Partner") -> PartnerRegistered:
    return PartnerRegistered(
        partner=partner, name=name, kind=PartnerKind.full, country=partner[:2], city="City"
    )


async def subscribe(api: Api, partner: str, url: str, types: list[str]) -> dict[str, Any]:
    body = {"partner": partner, "url": url, "event_types": types}
    response = await api.client.post(
        "/v1/webhooks/subscriptions", json=body, headers=api.as_(partner)
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    assert created["secret"].startswith("whsec_")
    return created


async def log_of(api: Api, sub: dict[str, Any], **params: str) -> list[dict[str, Any]]:
    response = await api.client.get(
        f"/v1/webhooks/subscriptions/{sub['id']}/deliveries",
        params=params,
        headers=api.as_(sub["partner"]),
    )
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_events_reach_the_subscribed_partner_only_signed_and_once(serve, bus, receiver):
    async with serve(service, **FAST) as api:
        mine = await subscribe(api, NL, receiver.url, ["*"])
        await subscribe(api, IT, receiver.url, ["eu.milagro.registry.participant.erased.v1"])
        [sent, *_] = await bus.publish(registered(NL, "Ours"), registered(IT, "Not wanted"))
        await bus.publish_envelope(sent, msg_id="a copy the bus cannot deduplicate")

        await eventually(lambda: _delivered(api, mine, 1))
        await asyncio.sleep(0.3)  # nothing else arrives
        [event] = receiver.events(mine["secret"])
    assert event["id"] == str(sent.id) and event["data"]["name"] == "Ours"
    assert receiver.received[0][0]["webhook-id"] == str(sent.id)
    assert receiver.received[0][0]["content-type"] == "application/json"


async def _delivered(api: Api, sub: dict[str, Any], count: int) -> bool:
    return len(await log_of(api, sub, state="delivered")) >= count


async def test_a_failing_endpoint_is_retried_until_it_recovers(serve, bus, receiver):
    receiver.fail_next = 2
    async with serve(service, **FAST) as api:
        sub = await subscribe(api, NL, receiver.url, [PARTNER_REGISTERED])
        [sent] = await bus.publish(registered(NL))
        await eventually(lambda: _delivered(api, sub, 1))
        [delivery] = await log_of(api, sub)
        detail = await api.client.get(
            f"/v1/webhooks/deliveries/{delivery['id']}", headers=api.as_(NL)
        )
    assert receiver.answered == [500, 500, 204]
    assert [e["id"] for e in receiver.events(sub["secret"])] == [str(sent.id)]
    assert [a["status"] for a in detail.json()["log"]] == [500, 500, 204]
    assert {h["webhook-id"] for h, _ in receiver.received} == {str(sent.id)}


async def test_an_endpoint_failing_too_long_is_disabled_and_coordinators_told(serve, bus, receiver):
    receiver.failing_always = True
    async with serve(service, **FAST, webhook_disable_after_s=0.15) as api:
        sub = await subscribe(api, NL, receiver.url, ["*"])
        await bus.publish(registered(NL))

        async def disabled() -> bool:
            got = await api.client.get(
                f"/v1/webhooks/subscriptions/{sub['id']}", headers=api.as_(NL)
            )
            return not got.json()["enabled"]

        await eventually(disabled)
        assert api.settings is not None
        database = Database(api.settings.database_url.get_secret_value())
        async with database.transaction() as session:
            [notice] = (await session.execute(select(notifications))).all()
        await database.close()
        # enabled again, what was left pending is sent
        receiver.failing_always = False
        enabled = await api.client.post(
            f"/v1/webhooks/subscriptions/{sub['id']}/enable", headers=api.as_(NL)
        )
        assert enabled.json()["enabled"]
    assert notice.kind == "webhook_disabled" and notice.participant_id is None
    assert notice.partner == NL and notice.context["subscription_id"] == sub["id"]
    assert notice.dedup == f"webhook-disabled:{sub['id']}:1"


async def test_deliveries_during_a_rotation_verify_with_either_secret(serve, bus, receiver):
    async with serve(service, **FAST) as api:
        sub = await subscribe(api, NL, receiver.url, ["*"])
        rotated = await api.client.post(
            f"/v1/webhooks/subscriptions/{sub['id']}/rotate-secret", headers=api.as_(NL)
        )
        assert rotated.status_code == 200, rotated.text
        new = rotated.json()["secret"]
        assert new != sub["secret"] and rotated.json()["previous_until"]
        await bus.publish(registered(NL))
        await eventually(lambda: _delivered(api, sub, 1))
    assert len(receiver.events(sub["secret"], new)) == 2  # verified with each


async def test_a_dead_delivery_is_listed_and_redelivered_by_hand(serve, bus, receiver):
    receiver.failing_always = True
    async with serve(service, **FAST) as api:
        sub = await subscribe(api, NL, receiver.url, ["*"])
        await bus.publish(registered(NL))

        async def dead() -> bool:
            return len(await log_of(api, sub, state="dead")) == 1

        await eventually(dead)
        [delivery] = await log_of(api, sub, state="dead")
        assert delivery["attempts"] == 4 and delivery["last_status"] == 500
        receiver.failing_always = False
        again = await api.client.post(
            f"/v1/webhooks/deliveries/{delivery['id']}/redeliver", headers=api.as_(NL)
        )
        assert again.status_code == 202, again.text
        await eventually(lambda: _delivered(api, sub, 1))
    assert len(receiver.events(sub["secret"])) == 1


async def test_pending_retries_survive_a_restart(service_settings, bus, receiver, mint):
    settings = await service_settings(
        service, **trusting(mint), **(FAST | {"webhook_retry_schedule_s": [1.0]})
    )
    receiver.failing_always = True
    async with running(service, settings) as client:
        api = Api(client, mint, settings)
        sub = await subscribe(api, NL, receiver.url, ["*"])
        await bus.publish(registered(NL))
        await eventually(lambda: _answered(receiver))
    receiver.failing_always = False
    async with running(service, settings) as client:
        api = Api(client, mint, settings)
        await eventually(lambda: _delivered(api, sub, 1))
    assert receiver.answered == [500, 204]


async def test_internal_urls_are_refused_unless_the_deployment_allows_them(
    service_settings, bus, receiver, mint
):
    allowed = await service_settings(service, **trusting(mint), **FAST)
    async with running(service, allowed) as client:  # a subscription made while allowed
        sub = await subscribe(Api(client, mint, allowed), NL, receiver.url, ["*"])
    refusing = allowed.model_copy(update={"webhook_allow_internal_urls": False})
    async with running(service, refusing) as client:
        api = Api(client, mint, refusing)
        for url in ("http://localhost:9/x", "https://10.1.2.3/x", "https://[::ffff:127.0.0.1]/x"):
            body = {"partner": NL, "url": url, "event_types": ["*"]}
            made = await client.post("/v1/webhooks/subscriptions", json=body, headers=api.as_(NL))
            assert made.status_code == 422 and made.json()["type"].endswith("/internal-url"), url
        moved = await client.patch(
            f"/v1/webhooks/subscriptions/{sub['id']}",
            json={"url": "https://169.254.169.254/latest/meta-data"},  # a cloud's metadata
            headers=api.as_(NL),
        )
        assert moved.status_code == 422
        await bus.publish(registered(NL))  # to the one subscribed before: refused on connecting

        async def refused() -> bool:
            found = await log_of(api, sub)
            if not found:
                return False
            detail = await client.get(
                f"/v1/webhooks/deliveries/{found[0]['id']}", headers=api.as_(NL)
            )
            return any("internal address" in (a["error"] or "") for a in detail.json()["log"])

        await eventually(refused)
    assert receiver.answered == []


async def _answered(receiver: Receiver) -> bool:
    return bool(receiver.answered)


async def test_partners_see_only_their_own(serve, bus, receiver):
    async with serve(service, **FAST) as api:
        sub = await subscribe(api, NL, receiver.url, ["*"])
        await bus.publish(registered(NL))
        await eventually(lambda: _delivered(api, sub, 1))
        [delivery] = await log_of(api, sub)
        base = f"/v1/webhooks/subscriptions/{sub['id']}"
        other = api.as_(IT)
        for method, path in [
            ("GET", base),
            ("PATCH", base),
            ("DELETE", base),
            ("POST", f"{base}/rotate-secret"),
            ("POST", f"{base}/disable"),
            ("GET", f"{base}/deliveries"),
            ("GET", f"/v1/webhooks/deliveries/{delivery['id']}"),
            ("POST", f"/v1/webhooks/deliveries/{delivery['id']}/redeliver"),
        ]:
            body = {"url": receiver.url} if method == "PATCH" else None
            response = await api.client.request(method, path, json=body, headers=other)
            assert response.status_code == 404, (method, path, response.text)
        researcher = await api.client.get(base, headers=api.as_(NL, "researcher"))
        assert researcher.status_code == 403
        listed = await api.client.get("/v1/webhooks/subscriptions", headers=other)
        assert listed.json() == []
        for_another = {"partner": NL, "url": receiver.url, "event_types": ["*"]}
        response = await api.client.post(
            "/v1/webhooks/subscriptions", json=for_another, headers=other
        )
        assert response.status_code == 403
        for bad in [
            {"url": "http://partner.example/hooks"},  # plain http off this machine
            {"event_types": ["eu.milagro.nothing.v1"]},
        ]:
            response = await api.client.patch(base, json=bad, headers=api.as_(NL))
            assert response.status_code == 422, response.text
        admin = await api.client.get(base, headers=api.admin)
        assert admin.status_code == 200
        secretless = json.dumps(admin.json())
    assert "whsec_" not in secretless


def test_the_disabled_endpoint_notice_reads_in_every_language() -> None:
    context = {"url": "https://partner.example/hooks", "reason": "no answer for 5 days"}
    for language in ("en", "it", "sr", "nl"):
        notice = render("webhook_disabled", context, language, "Europe/Rome", None)
        assert notice.language == language
        assert "https://partner.example/hooks" in notice.text and notice.subject
