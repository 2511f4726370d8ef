"""The XML an LMS reads from a package: imsmanifest.xml (SCORM 1.2, SCORM 2004
4th edition) and cmi5.xml. One organization, one item, one SCO (or AU): the
launch page, which shows the whole course.

SCORM 1.2: IMS CP 1.1.2 + ADL CP 1.2, `adlcp:scormtype="sco"`, the mastery
score from the pass mark. SCORM 2004: IMS CP 1.1 + ADL CP/SEQ/NAV 1.3 + IMS SS,
`adlcp:scormType="sco"`, the pass mark as the primary objective's minimum
normalized measure (the LMS judges success from cmi.score.scaled). cmi5: the
course and AU ids as IRIs, moveOn, masteryScore, launchMethod AnyWindow.
The schema files are not in the packages (see README: limits).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Iterable

from .facts import CourseFacts

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCORM12 = {
    "": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2",
}
SCORM2004 = {
    "": "http://www.imsglobal.org/xsd/imscp_v1p1",
    "adlcp": "http://www.adlnet.org/xsd/adlcp_v1p3",
    "adlseq": "http://www.adlnet.org/xsd/adlseq_v1p3",
    "adlnav": "http://www.adlnet.org/xsd/adlnav_v1p3",
    "imsss": "http://www.imsglobal.org/xsd/imsss",
}
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
_SCHEMA_FILES = {
    SCORM12[""]: "imscp_rootv1p1p2.xsd", SCORM12["adlcp"]: "adlcp_rootv1p2.xsd",
    SCORM2004[""]: "imscp_v1p1.xsd", SCORM2004["adlcp"]: "adlcp_v1p3.xsd", SCORM2004["adlseq"]: "adlseq_v1p3.xsd",
    SCORM2004["adlnav"]: "adlnav_v1p3.xsd", SCORM2004["imsss"]: "imsss_v1p0.xsd",
}


def scorm12_manifest(facts: CourseFacts, launch: str, files: Iterable[str]) -> bytes:
    ns = SCORM12
    manifest = _manifest_root(facts, ns)
    _metadata(manifest, ns[""], "1.2")
    item = _organization(manifest, ns[""], facts)
    if facts.post_test_required:
        ET.SubElement(item, _q(ns["adlcp"], "masteryscore")).text = str(facts.pass_mark)
    resource = _resources(manifest, ns[""], launch, files)
    resource.set(_q(ns["adlcp"], "scormtype"), "sco")
    return _xml(manifest)


def scorm2004_manifest(facts: CourseFacts, launch: str, files: Iterable[str]) -> bytes:
    ns = SCORM2004
    manifest = _manifest_root(facts, ns)
    _metadata(manifest, ns[""], "2004 4th Edition")
    item = _organization(manifest, ns[""], facts)
    if facts.post_test_required:
        sequencing = ET.SubElement(item, _q(ns["imsss"], "sequencing"))
        objectives = ET.SubElement(sequencing, _q(ns["imsss"], "objectives"))
        primary = ET.SubElement(objectives, _q(ns["imsss"], "primaryObjective"),
                                {"objectiveID": "post-test", "satisfiedByMeasure": "true"})
        ET.SubElement(primary, _q(ns["imsss"], "minNormalizedMeasure")).text = _fraction(facts.pass_mark)
    resource = _resources(manifest, ns[""], launch, files)
    resource.set(_q(ns["adlcp"], "scormType"), "sco")
    return _xml(manifest)


def cmi5_course_structure(facts: CourseFacts, launch: str) -> bytes:
    ET.register_namespace("", CMI5)
    root = ET.Element(_q(CMI5, "courseStructure"))
    course = ET.SubElement(root, _q(CMI5, "course"), {"id": facts.course_iri})
    _langstring(course, "title", facts.title, facts.language)
    _langstring(course, "description", facts.description, facts.language)
    au = ET.SubElement(root, _q(CMI5, "au"), {
        "id": facts.au_iri,
        # "completed": nothing is missing for the certificate; "passed": the post-test.
        "moveOn": "CompletedAndPassed" if facts.post_test_required else "Completed",
        "launchMethod": "AnyWindow",
    })
    if facts.post_test_required:
        au.set("masteryScore", _fraction(facts.pass_mark))
    _langstring(au, "title", facts.title, facts.language)
    _langstring(au, "description", facts.description, facts.language)
    ET.SubElement(au, _q(CMI5, "url")).text = launch
    return _xml(root)


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _manifest_root(facts: CourseFacts, ns: dict[str, str]) -> ET.Element:
    for prefix, uri in ns.items():
        ET.register_namespace(prefix, uri)
    ET.register_namespace("xsi", XSI)
    locations = " ".join(f"{uri} {_SCHEMA_FILES[uri]}" for uri in ns.values())
    return ET.Element(_q(ns[""], "manifest"), {
        "identifier": _identifier(f"course-{facts.id}"), "version": facts.version,
        _q(XSI, "schemaLocation"): locations,
    })


def _metadata(manifest: ET.Element, cp: str, version: str) -> None:
    metadata = ET.SubElement(manifest, _q(cp, "metadata"))
    ET.SubElement(metadata, _q(cp, "schema")).text = "ADL SCORM"
    ET.SubElement(metadata, _q(cp, "schemaversion")).text = version


def _organization(manifest: ET.Element, cp: str, facts: CourseFacts) -> ET.Element:
    organizations = ET.SubElement(manifest, _q(cp, "organizations"), {"default": "course"})
    organization = ET.SubElement(organizations, _q(cp, "organization"), {"identifier": "course"})
    ET.SubElement(organization, _q(cp, "title")).text = facts.title
    item = ET.SubElement(organization, _q(cp, "item"), {"identifier": "course-item", "identifierref": "course-sco"})
    ET.SubElement(item, _q(cp, "title")).text = facts.title
    return item


def _resources(manifest: ET.Element, cp: str, launch: str, files: Iterable[str]) -> ET.Element:
    resources = ET.SubElement(manifest, _q(cp, "resources"))
    resource = ET.SubElement(resources, _q(cp, "resource"),
                             {"identifier": "course-sco", "type": "webcontent", "href": launch})
    for name in sorted(files):
        ET.SubElement(resource, _q(cp, "file"), {"href": name})
    return resource


def _langstring(parent: ET.Element, name: str, text: str, language: str) -> None:
    element = ET.SubElement(parent, _q(CMI5, name))
    ET.SubElement(element, _q(CMI5, "langstring"), {"lang": language}).text = text


def _identifier(text: str) -> str:
    """An XML ID (SCORM identifiers are xs:ID): letters, digits, '-', '_', '.', starting with a letter."""
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c in "-_.") else "-" for c in text)
    return cleaned if cleaned[:1].isalpha() else f"id-{cleaned}"


def _fraction(percent: int) -> str:
    """A whole percentage as a decimal fraction: 80 -> '0.8', 100 -> '1'."""
    text = f"{percent / 100:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
