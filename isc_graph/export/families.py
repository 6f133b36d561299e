"""Families of classes and their colours: one table, used by every picture.

Each family has a colour of its own; the classes of a family are shades of it, in the order
the table lists them (the ontology's order), so a class has the same colour in every export,
whatever the selection holds. No colour is black or near it: a drawn node must stand out from
its black label and grey edges.

>>> colour_of("isc:Bureau"), family_of("isc:Bureau")
('#0072B2', 'ITU units')
>>> family_of("sdgo:Target")
'SDGs'
"""

from __future__ import annotations

import zlib

__all__ = ["FAMILIES", "NOT_DRAWN", "OTHER", "class_colours", "colour_of", "family_of"]

# (family, colour, classes as short ids). Twelve families, each with a distinct hue chosen from
# the Okabe–Ito and Paul Tol colour-blind-safe schemes; order and colours are part of the
# output: change them only on purpose.
FAMILIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "ITU units",
        "#0072B2",
        (
            "isc:Bureau",
            "isc:Sector",
            "isc:GeneralSecretariat",
            "isc:Department",
            "isc:RegionalOffice",
            "isc:StudyGroup",
            "org:Organization",
            "org:OrganizationalUnit",
        ),
    ),
    (
        "Posts & people",
        "#88CCEE",
        ("org:Post", "foaf:Person", "isc:MembershipCategory", "foaf:Agent"),
    ),
    (
        "Coordination & advisory bodies",
        "#E69F00",
        ("isc:CoordinationBody", "isc:AdvisoryGroup", "isc:WorkingGroup"),
    ),
    ("Governing bodies & conferences", "#882255", ("isc:GoverningBody", "isc:Conference")),
    (
        "External organisations",
        "#999933",
        ("isc:ExternalOrganization", "isc:InterAgencyMechanism"),
    ),
    (
        "Instruments & mandates",
        "#D55E00",
        (
            "isc:Resolution",
            "isc:Decision",
            "isc:Instrument",
            "isc:Revision",
            "isc:Mandate",
            # The clause alignment the build computes between revisions, and its activity.
            "isc:ClauseChange",
            "prov:Activity",
        ),
    ),
    (
        "Strategic plan",
        "#117733",
        (
            "isc:StrategicPlan",
            "isc:StrategicGoal",
            "isc:Objective",
            "isc:InterSectoralObjective",
            "isc:SectorObjective",
            "isc:Outcome",
            "isc:Output",
        ),
    ),
    ("WSIS", "#AA4499", ("isc:ActionLine", "isc:ActionLineSubLine")),
    ("SDGs", "#44AA99", ("sdgo:Goal", "sdgo:Target", "sdgo:Indicator", "skos:ConceptScheme")),
    (
        "Thematic areas & subjects",
        "#DDCC77",
        ("isc:ThematicArea", "isc:ThematicAreaList", "isc:Subject", "isc:Initiative"),
    ),
    ("Events & sessions", "#CC6677", ("isc:Event", "isc:Session", "org:ChangeEvent")),
    (
        "Documents",
        "#8C6D46",
        ("isc:SourceDocument", "isc:ReferenceText", "isc:CitedDocument", "foaf:Document"),
    ),
)
OTHER = ("Other", "#BBBBBB")
# Classes whose members are never nodes: they become edges (engagements, roles) or facts.
NOT_DRAWN = frozenset(
    {
        "isc:Engagement",
        "isc:Role",
        "isc:MappingKind",
        "isc:ChangeKind",
        "isc:MeetingCount",
        "isc:ReportedCount",
    }
)

# Shades for the second, third … class of a family: mixed with white (+) or black (-).
_SHADES = (0.0, 0.45, -0.3, 0.7, -0.45, 0.25, -0.15, 0.85)


def _shade(colour: str, amount: float) -> str:
    rgb = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    target = 255 if amount > 0 else 0
    mixed = [round(c + (target - c) * abs(amount)) for c in rgb]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def class_colours() -> dict[str, str]:
    """Every listed class and its colour, in the table's order."""
    return {
        cls: _shade(colour, _SHADES[i % len(_SHADES)])
        for _, colour, classes in FAMILIES
        for i, cls in enumerate(classes)
    }


_COLOURS = class_colours()
_FAMILY = {cls: name for name, _, classes in FAMILIES for cls in classes}


def family_of(cls: str) -> str:
    """The family of a class (short id such as ``isc:Bureau``); ``Other`` if unlisted."""
    return _FAMILY.get(cls, OTHER[0])


def colour_of(cls: str) -> str:
    """The colour of a class; an unlisted class gets a grey fixed by its name."""
    if cls in _COLOURS:
        return _COLOURS[cls]
    return _shade(OTHER[1], (zlib.crc32(cls.encode()) % 5 - 2) / 5)
