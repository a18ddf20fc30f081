"""`milagro-events demo` and `milagro-events simulate`: a programme round per partner,
driven through the events API with the demo's token, as partners' front-ends would.

`demo`, once: five months of meetings, storytelling and dissemination, a mediator training
in Siena and coach trainings elsewhere (sessions, final assessments, completion), the
services the new mediators deliver, a summer camp at each partner's location, and pre/post
assessments. `simulate`: then an activity somewhere every few seconds, until stopped. The
people are those the service learnt from the registry (the registry's demo registers them).
"""

import asyncio
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from milagro_events.directory import registry_events
from milagro_events.instruments import Instrument, latest
from milagro_events.store import participants
from milagro_kit.database import read_once
from milagro_kit.demo import all_published, caught_up, own_api
from milagro_kit.settings import Settings

CITIES = {"IT-SIENA": "Siena", "RS-BELGRADE": "Belgrade", "NL-UTRECHT": "Utrecht"}
CAMPS = {
    "IT-SIENA": "val-d-orcia",
    "RS-BELGRADE": "fruska-gora",
    "NL-UTRECHT": "utrechtse-heuvelrug",
}
AWARENESS = ["structured_meeting", "storytelling", "dissemination"]


@dataclass(frozen=True)
class Person:
    """Someone who may take part: id, partner, group."""

    id: uuid.UUID
    partner: str
    group: str


async def _people(settings: Settings) -> list[Person]:
    query = select(participants.people).order_by(participants.people.c.participant_id)
    rows = await read_once(settings.database_url.get_secret_value(), query)
    return [Person(r.participant_id, r.partner, r.group) for r in rows]


class Refused(RuntimeError):
    """The API refused a demo call: the demo and the API disagree."""


def _instrument(id: str) -> Instrument:
    found = latest(id)
    if found is None:
        raise Refused(f"the demo answers {id!r}, which is not an instrument any more")
    return found


class ProgrammeRound:
    """Partners' front-ends, played by the demo."""

    def __init__(self, api: httpx.AsyncClient, people: Sequence[Person], seed: int = 7) -> None:
        self.api = api
        self.people = list(people)
        self.rng = random.Random(seed)

    async def call(self, method: str, path: str, body: Any = None) -> Any:
        response = await self.api.request(method, path, json=body)
        if response.status_code >= 400:
            raise Refused(f"{method} {path}: {response.status_code} {response.text}")
        return response.json()

    def of(self, partner: str, group: str | None = None) -> list[Person]:
        return [p for p in self.people if p.partner == partner and group in (None, p.group)]

    async def activity(
        self,
        partner: str,
        kind: str,
        when: datetime,
        attending: Sequence[Person],
        *,
        hours: float = 2,
        **fields: Any,
    ) -> str:
        """Schedule an activity, check people in and close it: its id."""
        activity = await self.call(
            "POST",
            "/v1/activities",
            {
                "partner": partner,
                "kind": kind,
                "title": f"{kind.replace('_', ' ').capitalize()} in {CITIES[partner]}",
                "place": CITIES[partner],
                "starts_at": when.isoformat(),
                "ends_at": (when + timedelta(hours=hours)).isoformat(),
            }
            | fields,
        )
        if attending:
            room = [{"participant_id": str(p.id)} for p in attending]
            await self.call(
                "POST", f"/v1/activities/{activity['id']}/attendance", {"attendance": room}
            )
        await self.call("POST", f"/v1/activities/{activity['id']}/close")
        return str(activity["id"])

    async def awareness(self, partner: str, when: datetime) -> None:
        """A meeting, a story evening or a dissemination event; a migrant tells the stories."""
        people = self.of(partner)
        kind = self.rng.choice(AWARENESS)
        attending = self.rng.sample(people, k=min(len(people), self.rng.randint(6, 14)))
        migrants = [p for p in attending if p.group == "migrant"]
        leaders = [str(migrants[0].id)] if kind == "storytelling" and migrants else []
        await self.activity(partner, kind, when, attending, facilitator_ids=leaders)

    async def training(
        self, partner: str, certification: str, trainees: Sequence[Person], start: datetime
    ) -> list[uuid.UUID]:
        """Four weekly sessions, a final assessment, completion: who was certified."""
        title = (
            "Intercultural mediator training" if certification == "mediator" else "Coach training"
        )
        training = await self.call(
            "POST",
            "/v1/trainings",
            {
                "partner": partner,
                "title": f"{title} ({CITIES[partner]})",
                "certification": certification,
                "min_share": 0.75,
                "pass_mark": 60,
            },
        )
        for week in range(4):
            # one trainee misses half the sessions: the rule leaves them out, and says why
            present = [p for i, p in enumerate(trainees) if week < 2 or i != len(trainees) - 1]
            await self.activity(
                partner,
                "training",
                start + timedelta(weeks=week),
                present,
                hours=3,
                training_id=training["id"],
                target_groups=["migrant", "local"],
            )
        scores = [
            {"participant_id": str(p.id), "score": self.rng.randint(55, 95)} for p in trainees
        ]
        await self.call(
            "PUT", f"/v1/trainings/{training['id']}/final-assessments", {"scores": scores}
        )
        await self.call("POST", f"/v1/trainings/{training['id']}/complete")
        results = await self.call("GET", f"/v1/trainings/{training['id']}/results")
        return [uuid.UUID(r["participant_id"]) for r in results["items"] if r["certified"]]

    async def mediation(self, partner: str, mediator: uuid.UUID, when: datetime) -> None:
        newcomers = self.rng.sample(self.of(partner, "migrant"), k=2)
        await self.call(
            "POST",
            "/v1/mediation-services",
            {
                "partner": partner,
                "mediator_id": str(mediator),
                "newcomer_ids": [str(p.id) for p in newcomers],
                "service_kind": self.rng.choice(["interpretation", "accompaniment", "orientation"]),
                "delivered_at": when.isoformat(),
                "duration_minutes": self.rng.choice([45, 60, 90]),
                "language": "ar",
                "outcome": self.rng.choice(["resolved", "referred", "ongoing"]),
                "place": CITIES[partner],
            },
        )

    async def camp(self, partner: str, when: datetime) -> None:
        location = CAMPS[partner]
        place = f"Summer camp {location.replace('-', ' ').title()}"
        answer = await self.api.post(
            "/v1/camp-locations",
            json={"id": location, "partner": partner, "name": place, "place": place},
        )
        if answer.status_code != 409:  # already there: a demo run again
            answer.raise_for_status()
        await self.activity(
            partner,
            "summer_camp",
            when,
            self.of(partner),
            hours=24 * 5 - 6,
            camp_location_id=location,
        )

    async def assessments(self, people: Sequence[Person], pre: datetime, post: datetime) -> None:
        """Pre and post answers on both instruments; most people move a little."""
        rfcdc, distance = _instrument("rfcdc"), _instrument("social-distance")
        for person in people:
            competence, closeness = self.rng.uniform(2.2, 3.8), self.rng.randint(2, 6)
            for phase, day, gain in (
                ("pre", pre, 0.0),
                ("post", post, self.rng.uniform(-0.2, 0.9)),
            ):
                level = competence + gain
                scale = rfcdc.scale
                answers = {
                    item.id: self._likert(scale.min + scale.max - level if item.reversed else level)
                    for item in rfcdc.items
                }
                await self._submit(person, rfcdc.id, phase, day, answers)
                moved = closeness - round(gain * 1.5)
                social = {item.id: max(1, min(7, moved)) for item in distance.items}
                await self._submit(person, distance.id, phase, day, social)

    def _likert(self, level: float) -> int:
        return max(1, min(5, round(level + self.rng.uniform(-0.7, 0.7))))

    async def _submit(
        self, person: Person, instrument: str, phase: str, day: datetime, answers: dict[str, int]
    ) -> None:
        await self.call(
            "POST",
            "/v1/assessments",
            {
                "participant_id": str(person.id),
                "instrument_id": instrument,
                "phase": phase,
                "answers": answers,
                "answered_on": day.date().isoformat(),
            },
        )

    async def history(self, now: datetime) -> None:
        for partner in CITIES:
            for month in range(5, 0, -1):
                await self.awareness(partner, now - timedelta(days=30 * month))
            trainees = self.of(partner, "migrant")[:7]
            certification = "mediator" if partner == "IT-SIENA" else "coach"
            certified = await self.training(
                partner, certification, trainees, now - timedelta(days=70)
            )
            if certification == "mediator":
                for days in (30, 20, 10, 3):
                    await self.mediation(partner, certified[0], now - timedelta(days=days))
            await self.camp(partner, now - timedelta(days=20))
            await self.assessments(self.of(partner), now - timedelta(days=120), now)

    async def trickle(self, every_s: float = 5.0) -> None:
        """An activity somewhere every few seconds, until cancelled."""
        while True:
            await asyncio.sleep(every_s)
            partner = self.rng.choice(list(CITIES))
            await self.awareness(partner, datetime.now(UTC))


async def load_demo(settings: Settings) -> str:
    """The demo's programme round, unless the service already has activities."""
    await caught_up(settings, [registry_events])
    people = await _people(settings)
    async with own_api(settings) as api:
        if (await api.get("/v1/activities", params={"limit": 1})).json()["items"]:
            return "the demo's activities were already there"
        await ProgrammeRound(api, people).history(datetime.now(UTC))
    await all_published(settings)
    return f"a programme round of {len(people)} participants, through the events API"


async def simulate(settings: Settings) -> str:
    """A new activity every few seconds, until stopped."""
    await caught_up(settings, [registry_events])
    async with own_api(settings) as api:
        await ProgrammeRound(api, await _people(settings), seed=11).trickle()
    return "stopped"
