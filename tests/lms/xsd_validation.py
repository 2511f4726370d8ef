"""Validating a package's manifest with lxml against the schemas vendored in tests/lms/xsd/
(their sources and licences: tests/lms/xsd/README.md). Offline: the one schema the
SCORM 2004 files import from the web (the W3C's xml.xsd) is read from the vendored copy."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parent / "xsd"
_SCHEMAS = {
    "scorm12": {
        "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
        "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
    },
    "scorm2004": {
        "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
        "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
        "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
        "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
    },
    "cmi5": {"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd": "CourseStructure.xsd"},
}
_ONLINE = {"http://www.w3.org/2001/xml.xsd": XSD / "scorm2004" / "xml.xsd"}


class _Offline(etree.Resolver):
    def resolve(self, url: str, pubid: str, context: object) -> object:
        local = _ONLINE.get(url)
        return self.resolve_filename(str(local), context) if local else None


@lru_cache(maxsize=None)
def schema(standard: str) -> etree.XMLSchema:
    """One schema that imports every namespace the standard's manifest uses."""
    folder = XSD / standard
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{name}"/>' for ns, name in _SCHEMAS[standard].items())
    driver = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.XML(driver.encode(), parser, base_url=str(folder / "driver.xsd")))


def errors(standard: str, document: bytes) -> list[str]:
    """Every schema error in `document` ([] when valid)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    checker = schema(standard)
    valid = checker.validate(etree.fromstring(document, parser))
    return [] if valid else [f"line {e.line}: {e.message}" for e in checker.error_log]
