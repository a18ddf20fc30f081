from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.consent_in import ConsentIn
from ...models.consent_purpose import ConsentPurpose
from ...models.consent_state import ConsentState
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    participant_id: UUID,
    purpose: ConsentPurpose,
    *,
    body: ConsentIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/participants/{participant_id}/consents/{purpose}".format(
            participant_id=quote(str(participant_id), safe=""),
            purpose=quote(str(purpose), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ConsentState | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ConsentState.from_dict(response.json())

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

    if response.status_code == 410:
        response_410 = ProblemDetails.from_dict(response.json())

        return response_410

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
) -> Response[ConsentState | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    participant_id: UUID,
    purpose: ConsentPurpose,
    *,
    client: AuthenticatedClient,
    body: ConsentIn,
) -> Response[ConsentState | ProblemDetails]:
    """Give or withdraw consent for one purpose

     Repeating the current decision changes nothing; a new decision is kept in the history and published
    as `participant.consent_changed`.

    Args:
        participant_id (UUID):
        purpose (ConsentPurpose):
        body (ConsentIn): A decision about one purpose, with the version of the text the person
            was shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentState | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        purpose=purpose,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    participant_id: UUID,
    purpose: ConsentPurpose,
    *,
    client: AuthenticatedClient,
    body: ConsentIn,
) -> ConsentState | ProblemDetails | None:
    """Give or withdraw consent for one purpose

     Repeating the current decision changes nothing; a new decision is kept in the history and published
    as `participant.consent_changed`.

    Args:
        participant_id (UUID):
        purpose (ConsentPurpose):
        body (ConsentIn): A decision about one purpose, with the version of the text the person
            was shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentState | ProblemDetails
    """

    return sync_detailed(
        participant_id=participant_id,
        purpose=purpose,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    participant_id: UUID,
    purpose: ConsentPurpose,
    *,
    client: AuthenticatedClient,
    body: ConsentIn,
) -> Response[ConsentState | ProblemDetails]:
    """Give or withdraw consent for one purpose

     Repeating the current decision changes nothing; a new decision is kept in the history and published
    as `participant.consent_changed`.

    Args:
        participant_id (UUID):
        purpose (ConsentPurpose):
        body (ConsentIn): A decision about one purpose, with the version of the text the person
            was shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentState | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        purpose=purpose,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    participant_id: UUID,
    purpose: ConsentPurpose,
    *,
    client: AuthenticatedClient,
    body: ConsentIn,
) -> ConsentState | ProblemDetails | None:
    """Give or withdraw consent for one purpose

     Repeating the current decision changes nothing; a new decision is kept in the history and published
    as `participant.consent_changed`.

    Args:
        participant_id (UUID):
        purpose (ConsentPurpose):
        body (ConsentIn): A decision about one purpose, with the version of the text the person
            was shown.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentState | ProblemDetails
    """

    return (
        await asyncio_detailed(
            participant_id=participant_id,
            purpose=purpose,
            client=client,
            body=body,
        )
    ).parsed
