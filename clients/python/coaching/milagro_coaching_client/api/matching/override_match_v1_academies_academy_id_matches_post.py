from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.match_out import MatchOut
from ...models.override import Override
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    academy_id: UUID,
    *,
    body: Override,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/academies/{academy_id}/matches".format(
            academy_id=quote(str(academy_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MatchOut | ProblemDetails | None:
    if response.status_code == 201:
        response_201 = MatchOut.from_dict(response.json())

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
) -> Response[MatchOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Override,
) -> Response[MatchOut | ProblemDetails]:
    """Pair a newcomer with a coach yourself (an override), with the reason

     Accepted at once (`match.made`); the newcomer's pending proposal, if any, is withdrawn. The score
    and reasons are the matcher's view of the pair, so a pairing that breaks a rule says which.

    Args:
        academy_id (UUID):
        body (Override): A pairing the coordinator makes themself, with the reason.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        academy_id=academy_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Override,
) -> MatchOut | ProblemDetails | None:
    """Pair a newcomer with a coach yourself (an override), with the reason

     Accepted at once (`match.made`); the newcomer's pending proposal, if any, is withdrawn. The score
    and reasons are the matcher's view of the pair, so a pairing that breaks a rule says which.

    Args:
        academy_id (UUID):
        body (Override): A pairing the coordinator makes themself, with the reason.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchOut | ProblemDetails
    """

    return sync_detailed(
        academy_id=academy_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Override,
) -> Response[MatchOut | ProblemDetails]:
    """Pair a newcomer with a coach yourself (an override), with the reason

     Accepted at once (`match.made`); the newcomer's pending proposal, if any, is withdrawn. The score
    and reasons are the matcher's view of the pair, so a pairing that breaks a rule says which.

    Args:
        academy_id (UUID):
        body (Override): A pairing the coordinator makes themself, with the reason.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MatchOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        academy_id=academy_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    body: Override,
) -> MatchOut | ProblemDetails | None:
    """Pair a newcomer with a coach yourself (an override), with the reason

     Accepted at once (`match.made`); the newcomer's pending proposal, if any, is withdrawn. The score
    and reasons are the matcher's view of the pair, so a pairing that breaks a rule says which.

    Args:
        academy_id (UUID):
        body (Override): A pairing the coordinator makes themself, with the reason.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MatchOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            academy_id=academy_id,
            client=client,
            body=body,
        )
    ).parsed
