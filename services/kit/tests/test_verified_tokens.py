"""Verified tokens are remembered until they expire, never longer, and never when forged."""

import asyncio

import pytest

from milagro_kit.auth.verify import InvalidToken, TokenVerifier
from milagro_kit.settings import Settings
from milagro_kit.testing.auth import trusting


def verifier_of(mint, **overrides) -> TokenVerifier:
    return TokenVerifier(Settings(**trusting(mint), **overrides))


async def test_a_remembered_token_is_refused_once_it_expires(mint):
    verifier = verifier_of(mint, auth_leeway_s=0)
    token = mint.token(partner="IT-SIENA", roles=["staff"], ttl_s=1)
    first = await verifier.verify(token)
    assert await verifier.verify(token) is first  # remembered, not verified again
    await asyncio.sleep(1.1)
    with pytest.raises(InvalidToken, match="expired"):
        await verifier.verify(token)


async def test_a_token_changed_after_a_valid_one_is_still_refused(mint):
    verifier = verifier_of(mint)
    token = mint.token(partner="IT-SIENA", roles=["staff"])
    await verifier.verify(token)
    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{'A' if signature[0] != 'A' else 'B'}{signature[1:]}"
    with pytest.raises(InvalidToken):
        await verifier.verify(forged)


async def test_tokens_are_remembered_no_longer_than_the_key_set(mint):
    verifier = verifier_of(mint, auth_jwks_cache_s=0)
    token = mint.token(partner="IT-SIENA", roles=["staff"])
    assert await verifier.verify(token) is not await verifier.verify(token)


async def test_the_memory_is_bounded(mint):
    verifier = verifier_of(mint)
    verifier.REMEMBERED = 3
    tokens = [mint.token(partner="IT-SIENA", roles=["staff"]) for _ in range(5)]
    principals = [await verifier.verify(t) for t in tokens]
    assert await verifier.verify(tokens[-1]) is principals[-1]  # the newest is kept
    assert await verifier.verify(tokens[0]) is not principals[0]  # the oldest went first
