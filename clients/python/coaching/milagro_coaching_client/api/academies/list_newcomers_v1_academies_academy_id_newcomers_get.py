from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.newcomer_list import NewcomerList
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    academy_id: UUID,
    *,
    state: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/academies/{academy_id}/newcomers".format(
            academy_id=quote(str(academy_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> NewcomerList | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = NewcomerList.from_dict(response.json())

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
) -> Response[NewcomerList | ProblemDetails]:
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
    state: None | str | Unset = UNSET,
) -> Response[NewcomerList | ProblemDetails]:
    """The academy's newcomers: `state=waiting` is the waiting list, longest first

    Args:
        academy_id (UUID):
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NewcomerList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        academy_id=academy_id,
        state=state,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
) -> NewcomerList | ProblemDetails | None:
    """The academy's newcomers: `state=waiting` is the waiting list, longest first

    Args:
        academy_id (UUID):
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NewcomerList | ProblemDetails
    """

    return sync_detailed(
        academy_id=academy_id,
        client=client,
        state=state,
    ).parsed


async def asyncio_detailed(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
) -> Response[NewcomerList | ProblemDetails]:
    """The academy's newcomers: `state=waiting` is the waiting list, longest first

    Args:
        academy_id (UUID):
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[NewcomerList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        academy_id=academy_id,
        state=state,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    academy_id: UUID,
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
) -> NewcomerList | ProblemDetails | None:
    """The academy's newcomers: `state=waiting` is the waiting list, longest first

    Args:
        academy_id (UUID):
        state (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        NewcomerList | ProblemDetails
    """

    return (
        await asyncio_detailed(
            academy_id=academy_id,
            client=client,
            state=state,
        )
    ).parsed
