from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.audit_entry_out import AuditEntryOut
    from ..models.consent_change_out import ConsentChangeOut
    from ..models.participant_out import ParticipantOut


T = TypeVar("T", bound="DataExport")


@_attrs_define
class DataExport:
    """Everything the platform holds about one person (GDPR art. 15 and 20).

    Attributes:
        exported_at (datetime.datetime):
        participant (ParticipantOut):
        consents (list[ConsentChangeOut]):
        audit (list[AuditEntryOut]):
        merged_ids (list[UUID] | Unset): Records merged into this one: ids that stand for it
    """

    exported_at: datetime.datetime
    participant: ParticipantOut
    consents: list[ConsentChangeOut]
    audit: list[AuditEntryOut]
    merged_ids: list[UUID] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        exported_at = self.exported_at.isoformat()

        participant = self.participant.to_dict()

        consents = []
        for consents_item_data in self.consents:
            consents_item = consents_item_data.to_dict()
            consents.append(consents_item)

        audit = []
        for audit_item_data in self.audit:
            audit_item = audit_item_data.to_dict()
            audit.append(audit_item)

        merged_ids: list[str] | Unset = UNSET
        if not isinstance(self.merged_ids, Unset):
            merged_ids = []
            for merged_ids_item_data in self.merged_ids:
                merged_ids_item = str(merged_ids_item_data)
                merged_ids.append(merged_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "exported_at": exported_at,
                "participant": participant,
                "consents": consents,
                "audit": audit,
            }
        )
        if merged_ids is not UNSET:
            field_dict["merged_ids"] = merged_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out import AuditEntryOut  # noqa: PLC0415
        from ..models.consent_change_out import ConsentChangeOut  # noqa: PLC0415
        from ..models.participant_out import ParticipantOut  # noqa: PLC0415

        d = dict(src_dict)
        exported_at = datetime.datetime.fromisoformat(d.pop("exported_at"))

        participant = ParticipantOut.from_dict(d.pop("participant"))

        consents = []
        _consents = d.pop("consents")
        for consents_item_data in _consents:
            consents_item = ConsentChangeOut.from_dict(consents_item_data)

            consents.append(consents_item)

        audit = []
        _audit = d.pop("audit")
        for audit_item_data in _audit:
            audit_item = AuditEntryOut.from_dict(audit_item_data)

            audit.append(audit_item)

        _merged_ids = d.pop("merged_ids", UNSET)
        merged_ids: list[UUID] | Unset = UNSET
        if _merged_ids is not UNSET:
            merged_ids = []
            for merged_ids_item_data in _merged_ids:
                merged_ids_item = UUID(merged_ids_item_data)

                merged_ids.append(merged_ids_item)

        data_export = cls(
            exported_at=exported_at,
            participant=participant,
            consents=consents,
            audit=audit,
            merged_ids=merged_ids,
        )

        data_export.additional_properties = d
        return data_export

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
