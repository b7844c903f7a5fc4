"""What the user asked for, as plain values (the CLI parses options into a `Request`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .context import OrderRef


@dataclass(frozen=True)
class RevocationDraft:
    """`order-revoke` for a site whose revocation is not recorded yet: the order comes
    before the `revoked` event (that event needs the order's number), so the ground and
    the agreements of 6.10 come from options."""

    reason: str | None = None
    effective: date | None = None
    agreed_commission: date | None = None
    agreed_center: date | None = None

    def given(self) -> list[str]:
        names = {
            "reason": "--reason",
            "effective": "--effective",
            "agreed_commission": "--agreed-commission",
            "agreed_center": "--agreed-center",
        }
        return [option for key, option in names.items() if getattr(self, key) is not None]


@dataclass(frozen=True)
class Request:
    document: str
    on: date
    ids: tuple[str, ...] = ()
    format: str = "md"
    order: OrderRef = field(default_factory=OrderRef)
    start: date | None = None
    years: int | None = None
    revocation: RevocationDraft = field(default_factory=RevocationDraft)
