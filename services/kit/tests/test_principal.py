"""Who may do what: the rules of a principal, whatever service asks."""

from milagro_kit.auth import Principal, StaffRole


def test_principal_rules():
    siena = Principal("a", partner="IT-SIENA", roles=frozenset({StaffRole.staff}))
    admin = Principal("b", roles=frozenset({StaffRole.admin}))
    notifier = Principal("c", service="notifier")
    assert siena.may_access("IT-SIENA") and not siena.may_access("RS-BELGRADE")
    assert admin.may_access("RS-BELGRADE") and admin.has_any(StaffRole.coordinator)
    assert not notifier.may_access("IT-SIENA") and not notifier.has_any(StaffRole.staff)
    assert siena.has_any(StaffRole.staff, StaffRole.coach) and not siena.has_any(StaffRole.admin)
