from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.merge_in import MergeIn
from ...models.merge_out import MergeOut
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    participant_id: UUID,
    *,
    body: MergeIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/participants/{participant_id}/merge".format(
            participant_id=quote(str(participant_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MergeOut | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = MergeOut.from_dict(response.json())

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
) -> Response[MergeOut | ProblemDetails]:
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
    body: MergeIn,
) -> Response[MergeOut | ProblemDetails]:
    """Merge a duplicate record into this one

     The two records must be of one partner, which the caller acts for (coordinators their own, admins
    any: never two partners' records into one). This record is kept with its name and group; where it
    lacks e-mail, phone, birth date, preferred language, country or gender it takes the duplicate's;
    languages and roles are united. The duplicate's consent history moves here (the latest decision per
    purpose rules, and a change is published), the audit trail of both stays, and the duplicate's id
    keeps working as an alias of this record. Publishes `participant.merged` (ids only) so every service
    counts the person once. Merging again is harmless.

    Args:
        participant_id (UUID):
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MergeIn,
) -> MergeOut | ProblemDetails | None:
    """Merge a duplicate record into this one

     The two records must be of one partner, which the caller acts for (coordinators their own, admins
    any: never two partners' records into one). This record is kept with its name and group; where it
    lacks e-mail, phone, birth date, preferred language, country or gender it takes the duplicate's;
    languages and roles are united. The duplicate's consent history moves here (the latest decision per
    purpose rules, and a change is published), the audit trail of both stays, and the duplicate's id
    keeps working as an alias of this record. Publishes `participant.merged` (ids only) so every service
    counts the person once. Merging again is harmless.

    Args:
        participant_id (UUID):
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeOut | ProblemDetails
    """

    return sync_detailed(
        participant_id=participant_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MergeIn,
) -> Response[MergeOut | ProblemDetails]:
    """Merge a duplicate record into this one

     The two records must be of one partner, which the caller acts for (coordinators their own, admins
    any: never two partners' records into one). This record is kept with its name and group; where it
    lacks e-mail, phone, birth date, preferred language, country or gender it takes the duplicate's;
    languages and roles are united. The duplicate's consent history moves here (the latest decision per
    purpose rules, and a change is published), the audit trail of both stays, and the duplicate's id
    keeps working as an alias of this record. Publishes `participant.merged` (ids only) so every service
    counts the person once. Merging again is harmless.

    Args:
        participant_id (UUID):
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MergeOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    participant_id: UUID,
    *,
    client: AuthenticatedClient,
    body: MergeIn,
) -> MergeOut | ProblemDetails | None:
    """Merge a duplicate record into this one

     The two records must be of one partner, which the caller acts for (coordinators their own, admins
    any: never two partners' records into one). This record is kept with its name and group; where it
    lacks e-mail, phone, birth date, preferred language, country or gender it takes the duplicate's;
    languages and roles are united. The duplicate's consent history moves here (the latest decision per
    purpose rules, and a change is published), the audit trail of both stays, and the duplicate's id
    keeps working as an alias of this record. Publishes `participant.merged` (ids only) so every service
    counts the person once. Merging again is harmless.

    Args:
        participant_id (UUID):
        body (MergeIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MergeOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            participant_id=participant_id,
            client=client,
            body=body,
        )
    ).parsed
