from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.final_scores import FinalScores
from ...models.problem_details import ProblemDetails
from ...models.recorded_scores import RecordedScores
from ...types import Response


def _get_kwargs(
    training_id: UUID,
    *,
    body: FinalScores,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/trainings/{training_id}/final-assessments".format(
            training_id=quote(str(training_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | RecordedScores | None:
    if response.status_code == 200:
        response_200 = RecordedScores.from_dict(response.json())

        return response_200

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
) -> Response[ProblemDetails | RecordedScores]:
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
    body: FinalScores,
) -> Response[ProblemDetails | RecordedScores]:
    """Record final assessment scores (0-100)

     Only for a training whose rule has a pass mark, and until it is completed. Idempotent: a person's
    score is replaced. Answers every score recorded. 409 `participant-not-yet-known` (with `Retry-
    After`) for people whose registration has not arrived yet; 422 for erased people.

    Args:
        training_id (UUID):
        body (FinalScores):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordedScores]
    """

    kwargs = _get_kwargs(
        training_id=training_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
    body: FinalScores,
) -> ProblemDetails | RecordedScores | None:
    """Record final assessment scores (0-100)

     Only for a training whose rule has a pass mark, and until it is completed. Idempotent: a person's
    score is replaced. Answers every score recorded. 409 `participant-not-yet-known` (with `Retry-
    After`) for people whose registration has not arrived yet; 422 for erased people.

    Args:
        training_id (UUID):
        body (FinalScores):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordedScores
    """

    return sync_detailed(
        training_id=training_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
    body: FinalScores,
) -> Response[ProblemDetails | RecordedScores]:
    """Record final assessment scores (0-100)

     Only for a training whose rule has a pass mark, and until it is completed. Idempotent: a person's
    score is replaced. Answers every score recorded. 409 `participant-not-yet-known` (with `Retry-
    After`) for people whose registration has not arrived yet; 422 for erased people.

    Args:
        training_id (UUID):
        body (FinalScores):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | RecordedScores]
    """

    kwargs = _get_kwargs(
        training_id=training_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    training_id: UUID,
    *,
    client: AuthenticatedClient,
    body: FinalScores,
) -> ProblemDetails | RecordedScores | None:
    """Record final assessment scores (0-100)

     Only for a training whose rule has a pass mark, and until it is completed. Idempotent: a person's
    score is replaced. Answers every score recorded. 409 `participant-not-yet-known` (with `Retry-
    After`) for people whose registration has not arrived yet; 422 for erased people.

    Args:
        training_id (UUID):
        body (FinalScores):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | RecordedScores
    """

    return (
        await asyncio_detailed(
            training_id=training_id,
            client=client,
            body=body,
        )
    ).parsed
