from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.certification import Certification
from ...models.certification_list import CertificationList
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    participant_id: None | Unset | UUID = UNSET,
    certification: Certification | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_participant_id: None | str | Unset
    if isinstance(participant_id, Unset):
        json_participant_id = UNSET
    elif isinstance(participant_id, UUID):
        json_participant_id = str(participant_id)
    else:
        json_participant_id = participant_id
    params["participant_id"] = json_participant_id

    json_certification: None | str | Unset
    if isinstance(certification, Unset):
        json_certification = UNSET
    elif isinstance(certification, Certification):
        json_certification = certification.value
    else:
        json_certification = certification
    params["certification"] = json_certification

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/certifications",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CertificationList | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = CertificationList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

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
) -> Response[CertificationList | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    participant_id: None | Unset | UUID = UNSET,
    certification: Certification | None | Unset = UNSET,
) -> Response[CertificationList | ProblemDetails]:
    """Certifications given by a partner's trainings (admins: every partner's)

    Args:
        participant_id (None | Unset | UUID):
        certification (Certification | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificationList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        certification=certification,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    participant_id: None | Unset | UUID = UNSET,
    certification: Certification | None | Unset = UNSET,
) -> CertificationList | ProblemDetails | None:
    """Certifications given by a partner's trainings (admins: every partner's)

    Args:
        participant_id (None | Unset | UUID):
        certification (Certification | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificationList | ProblemDetails
    """

    return sync_detailed(
        client=client,
        participant_id=participant_id,
        certification=certification,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    participant_id: None | Unset | UUID = UNSET,
    certification: Certification | None | Unset = UNSET,
) -> Response[CertificationList | ProblemDetails]:
    """Certifications given by a partner's trainings (admins: every partner's)

    Args:
        participant_id (None | Unset | UUID):
        certification (Certification | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CertificationList | ProblemDetails]
    """

    kwargs = _get_kwargs(
        participant_id=participant_id,
        certification=certification,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    participant_id: None | Unset | UUID = UNSET,
    certification: Certification | None | Unset = UNSET,
) -> CertificationList | ProblemDetails | None:
    """Certifications given by a partner's trainings (admins: every partner's)

    Args:
        participant_id (None | Unset | UUID):
        certification (Certification | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CertificationList | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            participant_id=participant_id,
            certification=certification,
        )
    ).parsed
