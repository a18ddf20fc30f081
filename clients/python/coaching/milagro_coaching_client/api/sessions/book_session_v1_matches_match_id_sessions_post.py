from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.booking import Booking
from ...models.problem_details import ProblemDetails
from ...models.session_out import SessionOut
from ...types import Response


def _get_kwargs(
    match_id: UUID,
    *,
    body: Booking,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/matches/{match_id}/sessions".format(
            match_id=quote(str(match_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | SessionOut | None:
    if response.status_code == 201:
        response_201 = SessionOut.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

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
) -> Response[ProblemDetails | SessionOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    match_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Booking,
) -> Response[ProblemDetails | SessionOut]:
    """Book a session of an accepted match

     By the match's coach, its newcomer, or a coordinator of the academy; a time to come, or for a
    coordinator one in the last 90 days (a session recorded after it took place, then marked held). The
    start and end must lie within both sides' weekly availability on that date; 409 `double-booked`
    (with `side`) if the coach or the newcomer has another session then. Publishes `session.scheduled`.

    Args:
        match_id (UUID):
        body (Booking):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SessionOut]
    """

    kwargs = _get_kwargs(
        match_id=match_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    match_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Booking,
) -> ProblemDetails | SessionOut | None:
    """Book a session of an accepted match

     By the match's coach, its newcomer, or a coordinator of the academy; a time to come, or for a
    coordinator one in the last 90 days (a session recorded after it took place, then marked held). The
    start and end must lie within both sides' weekly availability on that date; 409 `double-booked`
    (with `side`) if the coach or the newcomer has another session then. Publishes `session.scheduled`.

    Args:
        match_id (UUID):
        body (Booking):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SessionOut
    """

    return sync_detailed(
        match_id=match_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    match_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Booking,
) -> Response[ProblemDetails | SessionOut]:
    """Book a session of an accepted match

     By the match's coach, its newcomer, or a coordinator of the academy; a time to come, or for a
    coordinator one in the last 90 days (a session recorded after it took place, then marked held). The
    start and end must lie within both sides' weekly availability on that date; 409 `double-booked`
    (with `side`) if the coach or the newcomer has another session then. Publishes `session.scheduled`.

    Args:
        match_id (UUID):
        body (Booking):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SessionOut]
    """

    kwargs = _get_kwargs(
        match_id=match_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    match_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Booking,
) -> ProblemDetails | SessionOut | None:
    """Book a session of an accepted match

     By the match's coach, its newcomer, or a coordinator of the academy; a time to come, or for a
    coordinator one in the last 90 days (a session recorded after it took place, then marked held). The
    start and end must lie within both sides' weekly availability on that date; 409 `double-booked`
    (with `side`) if the coach or the newcomer has another session then. Publishes `session.scheduled`.

    Args:
        match_id (UUID):
        body (Booking):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SessionOut
    """

    return (
        await asyncio_detailed(
            match_id=match_id,
            client=client,
            body=body,
        )
    ).parsed
