"""A small, realistic demo data set, loaded through the public APIs as a front-end would."""

import json
import random
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from milagro_contracts.event import Group
from milagro_kit import bus
from milagro_kit.auth.devkeys import dev_mint
from milagro_kit.cli.demo_activity import DemoActivity, Person
from milagro_kit.settings import Settings
from milagro_kit.stack import Stack

PARTNERS = {
    "IT-SIENA": ("IT", ["it"], ["ar", "ti", "fa", "ur", "en", "fr"]),
    "RS-BELGRADE": ("RS", ["sr"], ["fa", "ar", "ps", "uk", "en"]),
    "NL-UTRECHT": ("NL", ["nl"], ["ar", "ti", "so", "uk", "en"]),
}
ORGANISATIONS: list[dict[str, str]] = [
    {"code": "IT-SIENA", "name": "MILAGRO Siena", "kind": "full", "country": "IT", "city": "Siena"},
    {
        "code": "RS-BELGRADE",
        "name": "MILAGRO Belgrade",
        "kind": "full",
        "country": "RS",
        "city": "Belgrade",
    },
    {
        "code": "NL-UTRECHT",
        "name": "MILAGRO Utrecht",
        "kind": "full",
        "country": "NL",
        "city": "Utrecht",
    },
    {  # the factsheet names no associated partner: a stand-in for the demo
        "code": "NL-COACHNET",
        "name": "Online coaching community (associated)",
        "kind": "associated",
        "country": "NL",
        "city": "Utrecht",
    },
]
CONSENT_TEXT = "2024-01"
LOCAL_NAMES = {
    "IT": (
        ["Giulia", "Marco", "Chiara", "Luca", "Francesca", "Matteo", "Sara", "Paolo"],
        ["Rossi", "Bianchi", "Ferrari", "Conti", "Ricci", "Marini", "Bruno", "Galli"],
    ),
    "RS": (
        ["Milica", "Nikola", "Jelena", "Marko", "Ana", "Stefan", "Ivana", "Luka"],
        ["Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Ilić", "Pavlović"],
    ),
    "NL": (
        ["Sanne", "Daan", "Lotte", "Bram", "Femke", "Joris", "Eva", "Thijs"],
        ["de Jong", "Jansen", "de Vries", "van Dijk", "Bakker", "Visser", "Smit"],
    ),
}
MIGRANT_NAMES = (
    [
        "Amina",
        "Yusuf",
        "Fatima",
        "Omar",
        "Mariam",
        "Ahmad",
        "Hana",
        "Samir",
        "Zainab",
        "Tesfaye",
        "Selam",
        "Oksana",
        "Dmytro",
        "Nasrin",
        "Farid",
        "Aisha",
        "Ibrahim",
    ],
    [
        "Haddad",
        "Rahimi",
        "Mohammadi",
        "Tesfay",
        "Abebe",
        "Kovalenko",
        "Shevchenko",
        "Karimi",
        "Ali",
        "Hassan",
        "Noori",
        "Osman",
        "Yilmaz",
        "Bekele",
    ],
)


def participants(seed: int = 2024, per_partner: int = 24) -> list[dict[str, Any]]:
    """Participants of both groups for each partner, the same on every run."""
    rng = random.Random(seed)
    people = []
    for partner, (country, local_languages, migrant_languages) in PARTNERS.items():
        for i in range(per_partner):
            migrant = i % 2 == 0
            given, family = MIGRANT_NAMES if migrant else LOCAL_NAMES[country]
            languages = (
                [rng.choice(migrant_languages), *local_languages[: rng.randint(0, 1)]]
                if migrant
                else [*local_languages, *(["en"] if rng.random() < 0.6 else [])]
            )
            person: dict[str, Any] = {
                "partner": partner,
                "given_name": rng.choice(given),
                "family_name": rng.choice(family),
                "email": f"demo.{partner.lower()}.{i}@example.org",
                "birth_date": date(
                    rng.randint(1958, 2007), rng.randint(1, 12), rng.randint(1, 28)
                ).isoformat(),
                "preferred_language": languages[0],
                "group": "migrant" if migrant else "local",
                "gender": rng.choice(["female", "male", "female", "male", "non_binary"]),
                "country": country,
                "languages": sorted(set(languages)),
                "roles": ["participant"],
            }
            if migrant:
                person["migrant_status"] = rng.choice(["refugee", "asylum_seeker", "other_migrant"])
            person["consents"] = [
                {"purpose": purpose, "given": given, "text_version": CONSENT_TEXT}
                for purpose, given in (
                    ("participation", True),
                    ("communications", rng.random() < 0.7),
                    ("research_statistics", rng.random() < 0.85),
                )
            ]
            people.append(person)
    return people


async def load(stack: Stack, home: Path) -> tuple[str, list[Person]]:
    """Register the demo partners and participants once per data folder.

    Returns a summary and the participants as the bus knows them (id, partner, group),
    which are kept in the marker file so later runs can animate the same people.
    """
    marker = home / "demo.json"
    if marker.exists():
        people = [
            Person(uuid.UUID(p["id"]), p["partner"], Group(p["group"]))
            for p in json.loads(marker.read_text())["people"]
        ]
        return "already loaded", people
    registry = stack.services["registry"].url
    settings = Settings()
    mint = dev_mint(home, settings.auth_issuer, settings.auth_audience)
    admin = {"Authorization": f"Bearer {mint.token(roles=['admin'], subject='demo-admin')}"}
    people = []
    async with httpx.AsyncClient(base_url=registry, timeout=10) as client:
        for organisation in ORGANISATIONS:
            response = await client.post("/v1/partners", json=organisation, headers=admin)
            if response.status_code != 409:  # already there from an interrupted run
                response.raise_for_status()
        for person in participants():
            token = mint.token(
                partner=person["partner"], roles=["coordinator"], subject="demo-coordinator"
            )
            response = await client.post(
                "/v1/participants", json=person, headers={"Authorization": f"Bearer {token}"}
            )
            if response.status_code != 409:
                response.raise_for_status()
            answer = response.json()
            person_id = answer["id"] if response.status_code == 201 else answer["existing_id"]
            people.append(Person(uuid.UUID(person_id), person["partner"], Group(person["group"])))
    marker.write_text(
        json.dumps(
            {
                "people": [
                    {"id": str(p.id), "partner": p.partner, "group": p.group.value} for p in people
                ]
            }
        )
    )
    summary = (
        f"{len(ORGANISATIONS)} partners, {len(people)} participants; activities and coaching follow"
    )
    return summary, people


async def animate(stack: Stack, home: Path, people: list[Person]) -> None:
    """Publish the simulated programme history once, then a trickle of activity."""
    nc = await bus.connect(Settings(nats_url=stack.nats_url), name="milagro-demo")
    try:
        activity = DemoActivity(nc.jetstream(), people)
        history = home / "demo-history-published"
        if not history.exists():
            await activity.history(datetime.now(UTC))
            history.write_text("the simulated activity history is on the bus\n")
        await activity.trickle()
    finally:
        await nc.close()
