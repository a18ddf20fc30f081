from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.duplicate_pairs import DuplicatePairs
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    partner: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_partner: None | str | Unset
    if isinstance(partner, Unset):
        json_partner = UNSET
    else:
        json_partner = partner
    params["partner"] = json_partner

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/participants/duplicates",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DuplicatePairs | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = DuplicatePairs.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DuplicatePairs | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[DuplicatePairs | ProblemDetails]:
    """Records of a partner that are likely one person

     Pairs of participants of one partner that the duplicate rules take for one person, certain pairs
    first, then the most alike; ids only. Coordinators see their partner's, admins name a partner. Merge
    a pair with `POST /v1/participants/{id}/merge`. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        partner (None | str | Unset): Admins: which
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicatePairs | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> DuplicatePairs | ProblemDetails | None:
    """Records of a partner that are likely one person

     Pairs of participants of one partner that the duplicate rules take for one person, certain pairs
    first, then the most alike; ids only. Coordinators see their partner's, admins name a partner. Merge
    a pair with `POST /v1/participants/{id}/merge`. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        partner (None | str | Unset): Admins: which
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicatePairs | ProblemDetails
    """

    return sync_detailed(
        client=client,
        partner=partner,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> Response[DuplicatePairs | ProblemDetails]:
    """Records of a partner that are likely one person

     Pairs of participants of one partner that the duplicate rules take for one person, certain pairs
    first, then the most alike; ids only. Coordinators see their partner's, admins name a partner. Merge
    a pair with `POST /v1/participants/{id}/merge`. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        partner (None | str | Unset): Admins: which
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DuplicatePairs | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    limit: int | Unset = 100,
) -> DuplicatePairs | ProblemDetails | None:
    """Records of a partner that are likely one person

     Pairs of participants of one partner that the duplicate rules take for one person, certain pairs
    first, then the most alike; ids only. Coordinators see their partner's, admins name a partner. Merge
    a pair with `POST /v1/participants/{id}/merge`. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        partner (None | str | Unset): Admins: which
        limit (int | Unset):  Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DuplicatePairs | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            partner=partner,
            limit=limit,
        )
    ).parsed
