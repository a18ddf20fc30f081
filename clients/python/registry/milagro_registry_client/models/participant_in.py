from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.gender import Gender
from ..models.group import Group
from ..models.migrant_status import MigrantStatus
from ..models.role import Role
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.initial_consent import InitialConsent


T = TypeVar("T", bound="ParticipantIn")


@_attrs_define
class ParticipantIn:
    """A person to register, optionally with their first consent decisions.

    Attributes:
        given_name (str):
        family_name (str):
        group (Group):
        partner (str): Partner code, e.g. IT-SIENA
        email (None | str | Unset):
        phone (None | str | Unset):
        birth_date (datetime.date | None | Unset):
        preferred_language (None | str | Unset):
        migrant_status (MigrantStatus | None | Unset):
        gender (Gender | None | Unset):
        gender_self_described (None | str | Unset):
        country (None | str | Unset): Country of residence
        languages (list[str] | Unset):
        roles (list[Role] | Unset):
        consents (list[InitialConsent] | Unset):
        confirm_new_person (bool | Unset): The coordinator has checked the likely duplicates a 409 `likely-duplicate`
            named and this is a different person: register (or change) anyway. Certain duplicates are refused all the same.
            Default: False.
    """

    given_name: str
    family_name: str
    group: Group
    partner: str
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    preferred_language: None | str | Unset = UNSET
    migrant_status: MigrantStatus | None | Unset = UNSET
    gender: Gender | None | Unset = UNSET
    gender_self_described: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    languages: list[str] | Unset = UNSET
    roles: list[Role] | Unset = UNSET
    consents: list[InitialConsent] | Unset = UNSET
    confirm_new_person: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        given_name = self.given_name

        family_name = self.family_name

        group = self.group.value

        partner = self.partner

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        preferred_language: None | str | Unset
        if isinstance(self.preferred_language, Unset):
            preferred_language = UNSET
        else:
            preferred_language = self.preferred_language

        migrant_status: None | str | Unset
        if isinstance(self.migrant_status, Unset):
            migrant_status = UNSET
        elif isinstance(self.migrant_status, MigrantStatus):
            migrant_status = self.migrant_status.value
        else:
            migrant_status = self.migrant_status

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, Gender):
            gender = self.gender.value
        else:
            gender = self.gender

        gender_self_described: None | str | Unset
        if isinstance(self.gender_self_described, Unset):
            gender_self_described = UNSET
        else:
            gender_self_described = self.gender_self_described

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        languages: list[str] | Unset = UNSET
        if not isinstance(self.languages, Unset):
            languages = self.languages

        roles: list[str] | Unset = UNSET
        if not isinstance(self.roles, Unset):
            roles = []
            for roles_item_data in self.roles:
                roles_item = roles_item_data.value
                roles.append(roles_item)

        consents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.consents, Unset):
            consents = []
            for consents_item_data in self.consents:
                consents_item = consents_item_data.to_dict()
                consents.append(consents_item)

        confirm_new_person = self.confirm_new_person

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "given_name": given_name,
                "family_name": family_name,
                "group": group,
                "partner": partner,
            }
        )
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if preferred_language is not UNSET:
            field_dict["preferred_language"] = preferred_language
        if migrant_status is not UNSET:
            field_dict["migrant_status"] = migrant_status
        if gender is not UNSET:
            field_dict["gender"] = gender
        if gender_self_described is not UNSET:
            field_dict["gender_self_described"] = gender_self_described
        if country is not UNSET:
            field_dict["country"] = country
        if languages is not UNSET:
            field_dict["languages"] = languages
        if roles is not UNSET:
            field_dict["roles"] = roles
        if consents is not UNSET:
            field_dict["consents"] = consents
        if confirm_new_person is not UNSET:
            field_dict["confirm_new_person"] = confirm_new_person

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.initial_consent import InitialConsent  # noqa: PLC0415

        d = dict(src_dict)
        given_name = d.pop("given_name")

        family_name = d.pop("family_name")

        group = Group(d.pop("group"))

        partner = d.pop("partner")

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        def _parse_preferred_language(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preferred_language = _parse_preferred_language(d.pop("preferred_language", UNSET))

        def _parse_migrant_status(data: object) -> MigrantStatus | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                migrant_status_type_0 = MigrantStatus(data)

                return migrant_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(MigrantStatus | None | Unset, data)

        migrant_status = _parse_migrant_status(d.pop("migrant_status", UNSET))

        def _parse_gender(data: object) -> Gender | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = Gender(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Gender | None | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_gender_self_described(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        gender_self_described = _parse_gender_self_described(d.pop("gender_self_described", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        languages = cast(list[str], d.pop("languages", UNSET))

        _roles = d.pop("roles", UNSET)
        roles: list[Role] | Unset = UNSET
        if _roles is not UNSET:
            roles = []
            for roles_item_data in _roles:
                roles_item = Role(roles_item_data)

                roles.append(roles_item)

        _consents = d.pop("consents", UNSET)
        consents: list[InitialConsent] | Unset = UNSET
        if _consents is not UNSET:
            consents = []
            for consents_item_data in _consents:
                consents_item = InitialConsent.from_dict(consents_item_data)

                consents.append(consents_item)

        confirm_new_person = d.pop("confirm_new_person", UNSET)

        participant_in = cls(
            given_name=given_name,
            family_name=family_name,
            group=group,
            partner=partner,
            email=email,
            phone=phone,
            birth_date=birth_date,
            preferred_language=preferred_language,
            migrant_status=migrant_status,
            gender=gender,
            gender_self_described=gender_self_described,
            country=country,
            languages=languages,
            roles=roles,
            consents=consents,
            confirm_new_person=confirm_new_person,
        )

        return participant_in
