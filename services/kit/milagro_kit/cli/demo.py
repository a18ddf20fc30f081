"""A small, realistic demo data set, loaded through the public APIs as a front-end would."""

import random
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from milagro_kit.stack import Stack

PARTNERS = {
    "IT-SIENA": ("IT", ["it"], ["ar", "ti", "fa", "ur", "en", "fr"]),
    "RS-BELGRADE": ("RS", ["sr"], ["fa", "ar", "ps", "uk", "en"]),
    "NL-UTRECHT": ("NL", ["nl"], ["ar", "ti", "so", "uk", "en"]),
}
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
            people.append(person)
    return people


async def load(stack: Stack, home: Path) -> str:
    """Load the demo once per data folder; later runs find it already there."""
    marker = home / "demo-loaded"
    if marker.exists():
        return "already loaded"
    registry = stack.services["registry"].url
    async with httpx.AsyncClient(base_url=registry, timeout=10) as client:
        for person in participants():
            response = await client.post("/v1/participants", json=person)
            response.raise_for_status()
    marker.write_text("demo data loaded\n")
    return f"{len(participants())} participants registered across {len(PARTNERS)} partners"
