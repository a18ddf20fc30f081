"""Duplicates and search over HTTP, against the real database: however a name is written."""

import asyncio
import random
from typing import Any

import cyrtranslit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARTNER = "RS-BELGRADE"


def person(given: str, family: str, **fields: Any) -> dict[str, Any]:
    return {
        "partner": PARTNER,
        "given_name": given,
        "family_name": family,
        "birth_date": "1990-01-01",
        "group": "local",
    } | fields


async def post(registry, body: dict[str, Any], partner: str = PARTNER):
    return await registry.client.post("/v1/participants", json=body, headers=registry.as_(partner))


async def found(registry, name: str, partner: str = PARTNER, **params: Any) -> list[str]:
    response = await registry.client.get(
        "/v1/participants", params={"name": name} | params, headers=registry.as_(partner, "staff")
    )
    assert response.status_code == 200, response.text
    return [p["id"] for p in response.json()["items"]]


async def test_four_spellings_of_ana_djuric_register_once(registry):
    responses = [
        await post(registry, person(g, f))
        for g, f in [("Ana", "Đurić"), ("ANA", "ĐURIĆ"), ("ana", "đurić"), ("Ana", "Djuric")]
    ]
    assert [r.status_code for r in responses] == [201, 409, 409, 409]
    first = responses[0].json()["id"]
    for refused in responses[1:]:
        problem = refused.json()
        assert refused.headers["content-type"] == "application/problem+json"
        assert problem["type"].endswith("/duplicate-participant")
        assert problem["existing_id"] == first
        assert problem["candidates"][0]["rules"] == ["same-name-and-birth-date"]
    cyrillic = await post(registry, person("Ана", "Ђурић"))
    assert cyrillic.status_code == 409 and cyrillic.json()["existing_id"] == first
    # a certain duplicate is refused even when the coordinator insists
    insisting = await post(registry, person("Ana", "Djuric", confirm_new_person=True))
    assert insisting.status_code == 409


async def test_searches_find_djordje_petrovic_in_any_spelling_and_script(registry):
    djordje = (await post(registry, person("Đorđe", "Petrović"))).json()["id"]
    other = await post(registry, person("Marko", "Petrovićević", birth_date="1991-02-02"))
    other_id = other.json()["id"]
    for query in ("petrovic", "PETROVIĆ", "đorđe", "Ђорђе", "Петровић", "Ђорђе Петровић",
                  "djordje", "Dordje", "dorde", "Petrović Đorđe", "rđe", "PE"):  # fmt: skip
        assert djordje in await found(registry, query), query
    assert await found(registry, "petrovic") == [djordje, other_id]  # the whole part first
    assert await found(registry, "Petrovi") == [djordje, other_id]  # both start with it
    assert await found(registry, "ović") == [djordje, other_id]  # inside: registration order
    assert await found(registry, "đorđe marko") == []  # every word must match
    assert await found(registry, "%") == []
    assert await found(registry, "petrovic", partner="IT-SIENA") == []  # another partner's


async def test_a_latin_name_is_found_by_its_cyrillic_spelling_and_the_reverse(registry):
    latin = (await post(registry, person("Ljiljana", "Čolić"))).json()["id"]
    cyrillic = (await post(registry, person("Његош", "Шапић", birth_date="1985-05-05"))).json()[
        "id"
    ]
    assert await found(registry, "Љиљана Чолић") == [latin]
    assert await found(registry, "Njegos Sapic") == [cyrillic]
    assert await found(registry, "šapić") == [cyrillic]


async def test_a_name_search_pages_by_rank_then_registration_without_repeats(registry):
    ids = []
    for n, family in enumerate(["Berg", "van der Berg", "Bergman", "Vandenberg", "Berg"] * 3):
        body = person(f"Jan{'x' * n}", family, partner="IT-SIENA", birth_date=f"{1950 + n}-01-01")
        response = await post(registry, body | {"confirm_new_person": True}, "IT-SIENA")
        assert response.status_code == 201, response.text
        ids.append((response.json()["id"], family))
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 4} | ({"cursor": cursor} if cursor else {})
        response = await registry.client.get(
            "/v1/participants", params={"name": "berg"} | params, headers=registry.as_("IT-SIENA")
        )
        assert response.status_code == 200, response.text
        seen += [p["id"] for p in response.json()["items"]]
        cursor = response.json()["next_cursor"]
        if not cursor:
            break
    rank = {"Berg": 0, "van der Berg": 0, "Bergman": 1, "Vandenberg": 2}
    expected = [i for i, _ in sorted(ids, key=lambda x: rank[x[1]])]  # stable: registration
    assert seen == expected
    plain = await registry.client.get(
        "/v1/participants", params={"cursor": cursor or "x"}, headers=registry.as_("IT-SIENA")
    )
    assert plain.status_code == 422


async def test_a_likely_duplicate_needs_confirming_and_names_only_own_candidates(registry):
    first = (await post(registry, person("Mohammed", "Hassan", birth_date="1988-03-01"))).json()
    theirs = await post(registry, person("Muhammad", "Hasan", partner="IT-SIENA"), "IT-SIENA")
    assert theirs.status_code == 201  # another partner's people are not candidates
    variant = person("Muhammad", "Hasan", birth_date="1988-11-30")
    likely = await post(registry, variant)
    assert likely.status_code == 409
    problem = likely.json()
    assert problem["type"].endswith("/likely-duplicate")
    assert "existing_id" not in problem
    assert problem["candidates"] == [
        {
            "id": first["id"],
            "certainty": "likely",
            "rules": ["name-variant-same-birth-year"],
            "name_score": problem["candidates"][0]["name_score"],
        }
    ]
    confirmed = await post(registry, variant | {"confirm_new_person": True})
    assert confirmed.status_code == 201
    # once confirmed, changing something else asks nothing again
    patched = await registry.client.patch(
        f"/v1/participants/{confirmed.json()['id']}",
        json={"phone": "+381 11 123456"},
        headers=registry.as_(PARTNER),
    )
    assert patched.status_code == 200, patched.text


async def test_an_update_meets_the_rules_as_a_registration_does(registry):
    ana = (await post(registry, person("Ana", "Đurić"))).json()
    ivana = (await post(registry, person("Ivana", "Jovanović"))).json()
    url = f"/v1/participants/{ivana['id']}"
    headers = registry.as_(PARTNER)
    same = await registry.client.patch(url, json={"given_name": "Ана", "family_name": "Ђурић"},
                                       headers=headers)  # fmt: skip
    assert same.status_code == 409 and same.json()["existing_id"] == ana["id"]
    near = await registry.client.patch(url, json={"given_name": "Ana", "family_name": "Duric"},
                                       headers=headers)  # fmt: skip
    assert near.status_code == 409 and near.json()["type"].endswith("/likely-duplicate")
    confirmed = await registry.client.patch(
        url,
        json={"given_name": "Ana", "family_name": "Duric", "confirm_new_person": True},
        headers=headers,
    )
    assert confirmed.status_code == 200, confirmed.text
    assert await found(registry, "duric") == [ana["id"], ivana["id"]]


async def test_two_spellings_at_the_same_moment_register_once(registry):
    bodies = [person(g, f) for g, f in [("Ana", "Đurić"), ("ANA", "DJURIC"), ("Ана", "Ђурић")]]
    responses = await asyncio.gather(*[post(registry, b) for b in bodies * 2])
    assert sorted(r.status_code for r in responses) == [201, 409, 409, 409, 409, 409]


# --- property test over HTTP: generated spellings all find and block the person ----------

SPELLINGS_OF = ("Ljiljana", "Čolić Đurić")


@st.composite
def spelling(draw: st.DrawFn) -> tuple[str, str]:
    given, family = SPELLINGS_OF
    if draw(st.booleans()):
        given, family = cyrtranslit.to_cyrillic(given, "sr"), cyrtranslit.to_cyrillic(family, "sr")
    elif draw(st.booleans()):
        given, family = "Ljiljana", draw(st.sampled_from(["Colic Djuric", "Colić Djurić"]))
    rng = random.Random(draw(st.integers(0, 1000)))
    text = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in f"{given}|{family}")
    given, family = text.split("|")
    parts = family.split(" ")
    if draw(st.booleans()):
        parts.reverse()
    joiner = draw(st.sampled_from([" ", "-", "  "]))
    if draw(st.booleans()):
        return joiner.join(parts), given  # the fields swapped
    return given, joiner.join(parts)


async def test_generated_spellings_find_and_block_the_person(registry):
    existing = (await post(registry, person(*SPELLINGS_OF))).json()["id"]
    loop = asyncio.get_running_loop()
    failures: list[str] = []

    def run(coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, loop).result(30)

    @settings(max_examples=40, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(spelling())
    def check(name: tuple[str, str]) -> None:
        response = run(post(registry, person(*name)))
        if response.status_code != 409 or response.json().get("existing_id") != existing:
            failures.append(f"{name}: {response.status_code} {response.text[:200]}")
        for query in (f"{name[0]} {name[1]}", name[1].split()[0][:4]):
            if existing not in run(found(registry, query)):
                failures.append(f"{name}: search {query!r} missed")

    await asyncio.to_thread(check)
    assert not failures, failures
