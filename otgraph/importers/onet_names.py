"""Abbreviations of O*NET occupations ("RN", "PTA"), written by ``otgraph import onet`` to the
dataset's ``meta.abbreviations`` with the sources that spell them out, so that name lookup
(:func:`otgraph.names.find_role`) finds them.

>>> [a["role"] for a in ABBREVIATIONS if a["text"] == "RN"]
['29-1141.00']
"""

from __future__ import annotations

from typing import Any

__all__ = ["ABBREVIATIONS", "SOURCES", "abbreviations"]

#: The sources the abbreviations cite (the O*NET database's own reported titles cite ``onet-29.3``).
SOURCES: dict[str, dict[str, Any]] = {
    "bls-ooh-rn": {"title": "Occupational Outlook Handbook: Registered Nurses", "kind": "public",
                   "publisher": "U.S. Bureau of Labor Statistics",
                   "url": "https://www.bls.gov/ooh/healthcare/registered-nurses.htm",
                   "summary": "Registered nurses (RNs) provide and coordinate patient care."},
    "bls-ooh-lpn": {"title": "Occupational Outlook Handbook: Licensed Practical and Licensed Vocational Nurses",
                    "kind": "public", "publisher": "U.S. Bureau of Labor Statistics",
                    "url": "https://www.bls.gov/ooh/healthcare/licensed-practical-and-licensed-vocational-nurses.htm",
                    "summary": "Licensed practical nurses (LPNs) and licensed vocational nurses (LVNs) provide "
                               "basic medical care."},
    "bls-ooh-np": {"title": "Occupational Outlook Handbook: Nurse Anesthetists, Nurse Midwives, and Nurse "
                            "Practitioners", "kind": "public", "publisher": "U.S. Bureau of Labor Statistics",
                   "url": "https://www.bls.gov/ooh/healthcare/nurse-anesthetists-nurse-midwives-and-nurse-"
                          "practitioners.htm",
                   "summary": "Advanced practice registered nurses, nurse practitioners among them."},
    "bls-ooh-pa": {"title": "Occupational Outlook Handbook: Physician Assistants", "kind": "public",
                   "publisher": "U.S. Bureau of Labor Statistics",
                   "url": "https://www.bls.gov/ooh/healthcare/physician-assistants.htm",
                   "summary": "Physician assistants, also known as PAs, practice medicine on teams with "
                              "physicians, surgeons, and other healthcare workers."},
    "apta-pts": {"title": "Unusual paths to the profession (APTA Magazine, November 2021)", "kind": "public",
                 "publisher": "American Physical Therapy Association",
                 "url": "https://www.apta.org/apta-magazine/2021/11/01/unusual-profession-paths",
                 "summary": "Physical therapists, PTs, profiled by the profession's US association."},
    "asha-slpa": {"title": "Speech-Language Pathology Assistants (Practice Portal)", "kind": "public",
                  "publisher": "American Speech-Language-Hearing Association",
                  "url": "https://www.asha.org/practice-portal/professional-issues/speech-language-pathology-"
                         "assistants/",
                  "summary": "ASHA's practice portal on assistants working under a speech-language pathologist "
                             "(SLP)."},
}

#: Abbreviation -> O*NET-SOC code, with the source spelling it out.
ABBREVIATIONS: list[dict[str, str]] = [
    {"text": "RN", "role": "29-1141.00", "source": "bls-ooh-rn"},
    {"text": "LPN", "role": "29-2061.00", "source": "bls-ooh-lpn"},
    {"text": "LVN", "role": "29-2061.00", "source": "bls-ooh-lpn"},
    {"text": "PT", "role": "29-1123.00", "source": "apta-pts"},
    {"text": "PTA", "role": "31-2021.00", "source": "onet-29.3"},
    {"text": "OTA", "role": "31-2011.00", "source": "onet-29.3"},
    {"text": "SLP", "role": "29-1127.00", "source": "asha-slpa"},
    {"text": "NP", "role": "29-1171.00", "source": "bls-ooh-np"},
    {"text": "PA", "role": "29-1071.00", "source": "bls-ooh-pa"},
]


def abbreviations(codes: set[str]) -> list[dict[str, str]]:
    """The abbreviations whose occupation is among ``codes`` (an import of part of O*NET keeps
    only those it has).

    Examples
    --------
    >>> [a["text"] for a in abbreviations({"29-1141.00"})]
    ['RN']
    """
    return [dict(a) for a in ABBREVIATIONS if a["role"] in codes]
