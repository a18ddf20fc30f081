from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.attendance_in import AttendanceIn
from ...models.attendance_out import AttendanceOut
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    activity_id: UUID,
    *,
    body: AttendanceIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/activities/{activity_id}/attendance".format(
            activity_id=quote(str(activity_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AttendanceOut | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = AttendanceOut.from_dict(response.json())

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
) -> Response[AttendanceOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    activity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendanceIn,
) -> Response[AttendanceOut | ProblemDetails]:
    """Record attendance: one person or a whole room (up to 500)

     Idempotent: what is already recorded changes nothing and publishes nothing; a different `present`
    corrects a record until the activity is closed. Each new or corrected record publishes
    `attendance.recorded`. People not known here yet (their registration is still on its way from the
    registry) are recorded and listed in `awaiting_registration`; erased people and people outside the
    activity's target groups are refused (422, with their ids).

    Args:
        activity_id (UUID):
        body (AttendanceIn): One person, or a whole room at once. Recording what is already
            recorded changes
            nothing; a different `present` corrects it (until the activity is closed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttendanceOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        activity_id=activity_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    activity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendanceIn,
) -> AttendanceOut | ProblemDetails | None:
    """Record attendance: one person or a whole room (up to 500)

     Idempotent: what is already recorded changes nothing and publishes nothing; a different `present`
    corrects a record until the activity is closed. Each new or corrected record publishes
    `attendance.recorded`. People not known here yet (their registration is still on its way from the
    registry) are recorded and listed in `awaiting_registration`; erased people and people outside the
    activity's target groups are refused (422, with their ids).

    Args:
        activity_id (UUID):
        body (AttendanceIn): One person, or a whole room at once. Recording what is already
            recorded changes
            nothing; a different `present` corrects it (until the activity is closed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttendanceOut | ProblemDetails
    """

    return sync_detailed(
        activity_id=activity_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    activity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendanceIn,
) -> Response[AttendanceOut | ProblemDetails]:
    """Record attendance: one person or a whole room (up to 500)

     Idempotent: what is already recorded changes nothing and publishes nothing; a different `present`
    corrects a record until the activity is closed. Each new or corrected record publishes
    `attendance.recorded`. People not known here yet (their registration is still on its way from the
    registry) are recorded and listed in `awaiting_registration`; erased people and people outside the
    activity's target groups are refused (422, with their ids).

    Args:
        activity_id (UUID):
        body (AttendanceIn): One person, or a whole room at once. Recording what is already
            recorded changes
            nothing; a different `present` corrects it (until the activity is closed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AttendanceOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        activity_id=activity_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    activity_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AttendanceIn,
) -> AttendanceOut | ProblemDetails | None:
    """Record attendance: one person or a whole room (up to 500)

     Idempotent: what is already recorded changes nothing and publishes nothing; a different `present`
    corrects a record until the activity is closed. Each new or corrected record publishes
    `attendance.recorded`. People not known here yet (their registration is still on its way from the
    registry) are recorded and listed in `awaiting_registration`; erased people and people outside the
    activity's target groups are refused (422, with their ids).

    Args:
        activity_id (UUID):
        body (AttendanceIn): One person, or a whole room at once. Recording what is already
            recorded changes
            nothing; a different `present` corrects it (until the activity is closed).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AttendanceOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            activity_id=activity_id,
            client=client,
            body=body,
        )
    ).parsed
