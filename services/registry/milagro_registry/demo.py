"""`milagro-registry demo`: the demo's partners and participants, registered through the
registry's own API as a partner front-end would (`milagro up --demo` runs it).

The events and coaching services learn these people from the bus and animate them.
"""

import random
from datetime import date
from typing import Any

from milagro_kit.demo import all_published, own_api
from milagro_kit.settings import Settings

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
            # four coaches and eight newcomers per partner (the coaching demo matches them)
            role = "newcomer" if migrant and i < 16 else "coach" if not migrant and i < 8 else None
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
                "roles": ["participant", *([role] if role else [])],
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


async def load_demo(settings: Settings) -> str:
    """Register the demo partners and participants (again: a 409 means already there),
    and return once the registry has published every event about them."""
    registered = 0
    async with own_api(settings) as client:
        for organisation in ORGANISATIONS:
            response = await client.post("/v1/partners", json=organisation)
            if response.status_code != 409:
                response.raise_for_status()
        for person in participants():
            response = await client.post("/v1/participants", json=person)
            if response.status_code != 409:
                response.raise_for_status()
                registered += 1
    await all_published(settings)
    if not registered:
        return "the demo partners and participants were already there"
    return f"{len(ORGANISATIONS)} partners, {registered} participants, with consent"
