from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.results import Results
from ...types import Response


def _get_kwargs(
    training_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/trainings/{training_id}/complete".format(
            training_id=quote(str(training_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | Results | None:
    if response.status_code == 200:
        response_200 = Results.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = ProblemDetails.from_dict(response.json())

        return response_409

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
) -> Response[ProblemDetails | Results]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | Results]:
    """Complete a training: apply its rule, certify, publish

     Everyone with attendance on a held session is judged by the rule; those who meet it are certified
    and `training.completed` is published for each (at the end of the last held session). 409 while a
    session is still scheduled, when no session was held, or when it is already completed.

    Args:
        training_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Results]
    """

    kwargs = _get_kwargs(
        training_id=training_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | Results | None:
    """Complete a training: apply its rule, certify, publish

     Everyone with attendance on a held session is judged by the rule; those who meet it are certified
    and `training.completed` is published for each (at the end of the last held session). 409 while a
    session is still scheduled, when no session was held, or when it is already completed.

    Args:
        training_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Results
    """

    return sync_detailed(
        training_id=training_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[ProblemDetails | Results]:
    """Complete a training: apply its rule, certify, publish

     Everyone with attendance on a held session is judged by the rule; those who meet it are certified
    and `training.completed` is published for each (at the end of the last held session). 409 while a
    session is still scheduled, when no session was held, or when it is already completed.

    Args:
        training_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | Results]
    """

    kwargs = _get_kwargs(
        training_id=training_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
) -> ProblemDetails | Results | None:
    """Complete a training: apply its rule, certify, publish

     Everyone with attendance on a held session is judged by the rule; those who meet it are certified
    and `training.completed` is published for each (at the end of the last held session). 409 while a
    session is still scheduled, when no session was held, or when it is already completed.

    Args:
        training_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | Results
    """

    return (
        await asyncio_detailed(
            training_id=training_id,
            client=client,
        )
    ).parsed
