"""`milagro-coaching demo` and `milagro-coaching simulate`: the Siena and Belgrade academies
at work, driven through the coaching API as their front-ends would.

`demo`, once: the two academies open; the people the registry made coaches (or the events
service certified) enrol as coaches, those it made newcomers as newcomers; the matcher
runs and the coordinators accept its proposals; six weeks of weekly sessions are recorded
and held, each rated by its coach and its newcomer with their own tokens; the next session
is booked. `simulate`: then, every few seconds, another past session of a match recorded,
held and rated, until stopped or until none is left in the last four weeks.
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

from milagro_coaching.api.schemas import availability_of
from milagro_coaching.availability import overlapping, week_of
from milagro_coaching.certification import activity_events
from milagro_coaching.store import certified_coaches, participants
from milagro_contracts.coaching import Topic
from milagro_kit.database import read_once
from milagro_kit.demo import all_published, caught_up, own_api, person_headers
from milagro_kit.settings import Settings

ACADEMIES = {"IT-SIENA": ("Siena", "Europe/Rome"), "RS-BELGRADE": ("Belgrade", "Europe/Belgrade")}
SESSION = timedelta(hours=1)


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    partner: str
    roles: tuple[str, ...]
    languages: tuple[str, ...]


@dataclass(frozen=True)
class Pairing:
    """An accepted match, and who its coach and newcomer are."""

    id: str
    partner: str
    coach: Person
    newcomer: Person
    coach_availability: dict[str, Any]
    newcomer_availability: dict[str, Any]


async def _people(settings: Settings) -> tuple[list[Person], set[uuid.UUID]]:
    url = settings.database_url.get_secret_value()
    rows = await read_once(url, select(participants.people))
    certified = await read_once(url, select(certified_coaches.c.participant_id))
    people = [Person(r.participant_id, r.partner, tuple(r.roles), tuple(r.languages)) for r in rows]
    return sorted(people, key=lambda p: p.id), {r.participant_id for r in certified}


class Refused(RuntimeError):
    """The API refused a demo call: the demo and the API disagree."""


class CoachingRound:
    """The academies' coordinators, coaches and newcomers, played by the demo."""

    def __init__(
        self,
        api: httpx.AsyncClient,
        settings: Settings,
        people: Sequence[Person],
        certified: set[uuid.UUID],
        seed: int = 7,
    ) -> None:
        self.api, self.settings = api, settings
        self.people, self.certified = list(people), certified
        self.rng = random.Random(seed)
        self.pairings: list[Pairing] = []

    async def call(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> Any:
        response = await self.api.request(method, path, json=body, headers=headers)
        if response.status_code >= 400:
            raise Refused(f"{method} {path}: {response.status_code} {response.text}")
        return response.json()

    def availability(self, zone: str, evenings: Sequence[int]) -> dict[str, Any]:
        start = self.rng.choice(["17:00", "18:00", "19:00"])
        slots = [{"weekday": d, "start": start, "end": "21:30"} for d in evenings]
        saturday = {"weekday": 5, "start": "10:00", "end": "13:00"}
        return {"zone": zone, "slots": [*slots, saturday]}

    def topics(self, k: int) -> list[str]:
        return self.rng.sample([t.value for t in Topic if t is not Topic.other], k)

    async def academy(self, partner: str, city: str, zone: str) -> None:
        academy = await self.call(
            "POST",
            "/v1/academies",
            {
                "partner": partner,
                "name": f"{city} coaching academy",
                "city": city,
                "time_zone": zone,
            },
        )
        ours = [p for p in self.people if p.partner == partner]
        coaches = [p for p in ours if "coach" in p.roles or p.id in self.certified]
        for person in coaches:
            await self.call(
                "POST",
                f"/v1/academies/{academy['id']}/coaches",
                {
                    "participant_id": str(person.id),
                    "languages": list(person.languages) or ["en"],
                    "topics": self.topics(3),
                    "availability": self.availability(zone, range(5)),
                    "capacity": 3,
                },
            )
        for person in (p for p in ours if "newcomer" in p.roles):
            days = sorted(self.rng.sample(range(5), 3))
            await self.call(
                "POST",
                f"/v1/academies/{academy['id']}/newcomers",
                {
                    "participant_id": str(person.id),
                    "languages": list(person.languages) or ["en"],
                    "needs": self.topics(self.rng.randint(1, 2)),
                    "availability": self.availability(zone, days),
                },
            )
        run = await self.call("POST", f"/v1/academies/{academy['id']}/matching")
        for proposal in run["proposals"]:
            await self.call("POST", f"/v1/matches/{proposal['id']}/accept", {})
            await self.pair(proposal, partner)

    async def pair(self, match: dict[str, Any], partner: str) -> None:
        """Remember an accepted match, with who its coach and newcomer are (if not erased)."""
        coach = await self.call("GET", f"/v1/coaches/{match['coach_id']}")
        newcomer = await self.call("GET", f"/v1/newcomers/{match['newcomer_id']}")
        people = {str(p.id): p for p in self.people}
        if coach["participant_id"] in people and newcomer["participant_id"] in people:
            self.pairings.append(
                Pairing(
                    match["id"],
                    partner,
                    people[coach["participant_id"]],
                    people[newcomer["participant_id"]],
                    coach["availability"],
                    newcomer["availability"],
                )
            )

    def slots(self, pairing: Pairing, week: datetime) -> list[datetime]:
        """The starts of hour-long sessions within both sides' hours in a week."""
        both = overlapping(
            availability_of(pairing.coach_availability),
            availability_of(pairing.newcomer_availability),
            week_of(week),
        )
        return [start for start, end in both if end - start >= SESSION]

    async def session(self, pairing: Pairing, start: datetime, now: datetime) -> bool:
        """Record a session (booked ahead, or recorded after the fact and held and rated):
        whether it was taken (the time may be taken already)."""
        body = {"starts_at": start.isoformat(), "duration_minutes": 60}
        booked = await self.api.post(f"/v1/matches/{pairing.id}/sessions", json=body)
        if booked.status_code == 409:
            return False
        if booked.status_code >= 400:
            raise Refused(f"booking: {booked.status_code} {booked.text}")
        if start > now:
            return True
        session = booked.json()["id"]
        coach = person_headers(self.settings, pairing.partner, "coach", pairing.coach.id)
        newcomer = person_headers(self.settings, pairing.partner, "newcomer", pairing.newcomer.id)
        held = {"duration_minutes": self.rng.choice([45, 60, 60]), "topics": self.topics(1)}
        await self.call("POST", f"/v1/sessions/{session}/held", held, coach)
        for headers in (coach, newcomer):
            rating = {"rating": self.rng.choice([3, 4, 4, 5, 5]), "comment": "Grazie, hvala!"}
            await self.call("POST", f"/v1/sessions/{session}/feedback", rating, headers)
        return True

    async def history(self, now: datetime) -> None:
        for partner, (city, zone) in ACADEMIES.items():
            await self.academy(partner, city, zone)
        for pairing in self.pairings:
            for weeks_ago in range(6, 0, -1):
                slots = self.slots(pairing, now - timedelta(weeks=weeks_ago))
                for start in slots[:1]:
                    await self.session(pairing, start, now)
            upcoming = [s for s in self.slots(pairing, now + timedelta(weeks=1)) if s > now]
            for start in upcoming[:1]:
                await self.session(pairing, start, now)

    async def trickle(self, every_s: float = 8.0) -> None:
        """Another past session every few seconds, until none is left in the last 4 weeks."""
        now = datetime.now(UTC)
        past = [
            (pairing, start)
            for pairing in self.pairings
            for weeks_ago in range(4)
            for start in self.slots(pairing, now - timedelta(weeks=weeks_ago))
            if start + SESSION < now
        ]
        self.rng.shuffle(past)
        for pairing, start in past:
            if await self.session(pairing, start, datetime.now(UTC)):
                await asyncio.sleep(every_s)

    async def known_pairings(self) -> None:
        """The academies' accepted matches, as `academy` left them on the first run."""
        for academy in (await self.call("GET", "/v1/academies"))["items"]:
            accepted = await self.call(
                "GET", f"/v1/academies/{academy['id']}/matches?state=accepted"
            )
            for match in accepted["items"]:
                await self.pair(match, academy["partner"])


async def load_demo(settings: Settings) -> str:
    """The academies at work, unless the service has academies already."""
    await caught_up(settings, [participants.consumer, activity_events])
    people, certified = await _people(settings)
    async with own_api(settings) as api:
        if (await api.get("/v1/academies")).json()["items"]:
            return "the demo's academies were already there"
        coaching = CoachingRound(api, settings, people, certified)
        await coaching.history(datetime.now(UTC))
    await all_published(settings)
    return (
        f"academies in {', '.join(c for c, _ in ACADEMIES.values())}, "
        f"{len(coaching.pairings)} pairings and their sessions, through the coaching API"
    )


async def simulate(settings: Settings) -> str:
    """Another past session every few seconds, until stopped."""
    await caught_up(settings, [participants.consumer, activity_events])
    people, certified = await _people(settings)
    async with own_api(settings) as api:
        coaching = CoachingRound(api, settings, people, certified, seed=11)
        await coaching.known_pairings()
        await coaching.trickle()
    return "every past session of the last four weeks is recorded"
