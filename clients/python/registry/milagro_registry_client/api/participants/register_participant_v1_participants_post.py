from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.participant_in import ParticipantIn
from ...models.participant_out import ParticipantOut
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    *,
    body: ParticipantIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/participants",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ParticipantOut | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = ParticipantOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

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
) -> Response[ParticipantOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ParticipantIn,
) -> Response[ParticipantOut | ProblemDetails]:
    """Register a participant

     409 `duplicate-participant` (with `existing_id`) when the partner has certainly registered this
    person already; 409 `likely-duplicate` with the `candidates` (id, rules met, name score) when it
    likely has, unless `confirm_new_person` is true. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        body (ParticipantIn): A person to register, optionally with their first consent decisions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ParticipantIn,
) -> ParticipantOut | ProblemDetails | None:
    """Register a participant

     409 `duplicate-participant` (with `existing_id`) when the partner has certainly registered this
    person already; 409 `likely-duplicate` with the `candidates` (id, rules met, name score) when it
    likely has, unless `confirm_new_person` is true. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        body (ParticipantIn): A person to register, optionally with their first consent decisions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantOut | ProblemDetails
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ParticipantIn,
) -> Response[ParticipantOut | ProblemDetails]:
    """Register a participant

     409 `duplicate-participant` (with `existing_id`) when the partner has certainly registered this
    person already; 409 `likely-duplicate` with the `candidates` (id, rules met, name score) when it
    likely has, unless `confirm_new_person` is true. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        body (ParticipantIn): A person to register, optionally with their first consent decisions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ParticipantOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ParticipantIn,
) -> ParticipantOut | ProblemDetails | None:
    """Register a participant

     409 `duplicate-participant` (with `existing_id`) when the partner has certainly registered this
    person already; 409 `likely-duplicate` with the `candidates` (id, rules met, name score) when it
    likely has, unless `confirm_new_person` is true. The rules:

    - `same-email` (certain): the same e-mail address, whatever its letter case
    - `same-name-and-birth-date` (certain): the same name once case, diacritics, script (Serbian
    Cyrillic or Latin), đ/dj and the order of the name parts are set aside, and the same birth date
    - `similar-name-same-birth-date` (likely): names at least 88% alike (rapidfuzz ratios over the
    folded names, with dj/d, sh/s, ch/c, zh/z, kh/h alike: in any order without family-name particles,
    or run together, or one name inside the other) and the same birth date
    - `name-variant-same-birth-year` (likely): every part of the names sounds alike (Metaphone: Mohammed
    / Muhammad / Mohamed, Yusuf / Jusuf, Hussein / Husain) and the same birth year

    Args:
        body (ParticipantIn): A person to register, optionally with their first consent decisions.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ParticipantOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
