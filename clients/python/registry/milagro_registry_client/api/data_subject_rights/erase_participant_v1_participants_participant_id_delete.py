from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erasure_out import ErasureOut
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    participant_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/participants/{participant_id}".format(
            participant_id=quote(str(participant_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErasureOut | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ErasureOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = ProblemDetails.from_dict(response.json())

        return response_410

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
) -> Response[ErasureOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ErasureOut | ProblemDetails]:
    """Erase a person's personal data

     Deletes the personal data and consent history, keeps a tombstone (id, partner, erased at) and
    publishes `participant.erased` once. Later reads answer 410 (404 to other partners). The audit log
    keeps its entries (ids and field names only). A person whose records were merged is erased under
    every id they had: each gets a tombstone and its own `participant.erased`.

    Args:
        participant_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ErasureOut | ProblemDetails | None:
    """Erase a person's personal data

     Deletes the personal data and consent history, keeps a tombstone (id, partner, erased at) and
    publishes `participant.erased` once. Later reads answer 410 (404 to other partners). The audit log
    keeps its entries (ids and field names only). A person whose records were merged is erased under
    every id they had: each gets a tombstone and its own `participant.erased`.

    Args:
        participant_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | ProblemDetails
    """

    return sync_detailed(
        participant_id=participant_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ErasureOut | ProblemDetails]:
    """Erase a person's personal data

     Deletes the personal data and consent history, keeps a tombstone (id, partner, erased at) and
    publishes `participant.erased` once. Later reads answer 410 (404 to other partners). The audit log
    keeps its entries (ids and field names only). A person whose records were merged is erased under
    every id they had: each gets a tombstone and its own `participant.erased`.

    Args:
        participant_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ErasureOut | ProblemDetails | None:
    """Erase a person's personal data

     Deletes the personal data and consent history, keeps a tombstone (id, partner, erased at) and
    publishes `participant.erased` once. Later reads answer 410 (404 to other partners). The audit log
    keeps its entries (ids and field names only). A person whose records were merged is erased under
    every id they had: each gets a tombstone and its own `participant.erased`.

    Args:
        participant_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            participant_id=participant_id,
            client=client,
        )
    ).parsed
