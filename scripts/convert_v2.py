"""Convert data/roles.json (version 1) to data/roles.next.json (version 2) and re-audit it.

Run from the repository root: python scripts/convert_v2.py
The mechanical part (salary -> pay, qualifications -> awards, evidence objects) is generic;
the audited figures are the explicit tables below, each with its evidence.
"""
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
src = json.loads((ROOT / "data/roles.json").read_text())

# ---------------------------------------------------------------- helpers
def ev(grade, source=None, locator=None, rule=None, note=None):
    e = {"grade": grade}
    if source:
        e["source"] = source
    if locator:
        e["locator"] = locator
    if rule:
        e["rule"] = rule
    if note:
        e["note"] = note
    return e

def est(note):
    return ev("estimate", note=note)

S1 = "seed 001 > "
S3 = "seed 003 > "
S4 = "seed 004 > "
S2 = "seed 002 > "
AFC_URL = "https://nhstakehomepaycalculator.co.uk/guides/nhs-pay-bands-2025-26"
HC_URL = "https://www.healthcareers.nhs.uk/explore-roles/allied-health-professionals/roles-allied-health-professions/occupational-therapist"
ANNEX20_URL = "https://hr.gov.im/terms-conditions-for-employees/mptc/annexes/development-of-professional-roles/"
WESSEX_URL = "https://www.wessexlmcs.com/advancedclinicalpracticeoccupationaltherapists"
DEVON_URL = "https://devontraininghub.co.uk/primary-care-roles/occupational-therapists"
NTU_URL = "https://www.ntu.ac.uk/course/social-sciences/app/msc-advanced-clinical-practice-level-7-advanced-clinical-practitioner-apprenticeship"
NORTHAMPTON_URL = "https://www.northampton.ac.uk/apprenticeships/available-apprenticeships/advanced-clinical-practitioner-apprenticeship/"
STD_URL = "https://findapprenticeshiptraining.apprenticeships.education.gov.uk/courses/391"
AWP_URL = ("https://www.nhsjobs.com/job/UK/Somerset/Bath/Avon_Wiltshire_Mental_Health_Partnership_NHS_Trust/"
           "Occuaptional_Therapy_Support_Worker_Apprenticeship_Route/Occuaptional_Therapy_Support_Worker_Apprenticeship_Route-v7505258")
NBCOT_ELIG_URL = "https://www.nbcot.org/get-certified/eligibility"
NBCOT_CERT_URL = "https://www.nbcot.org/students/certify"
HCPC_INTL_URL = "https://www.hcpc-uk.org/registration/getting-on-the-register/international-applications/how-to-apply/"
OTM_URL = "https://www.otmastery.com/blog/ota-to-otrbridge-programs"
MPFT_URL = "https://www.mpft.nhs.uk/working-here/allied-health-professionals/occupational-therapist"

# ---------------------------------------------------------------- sources
sources = dict(src["sources"])
del sources["afc-annex-t"]  # replaced by afc-annex-20 (its summary also carried an FCP claim Annex T does not make)
sources["afc-annex-20"] = {
    "title": "Agenda for Change terms and conditions, Annex 20 (formerly Annex T): development of professional roles",
    "kind": "public", "publisher": "NHS Staff Council (Agenda for Change handbook), as published by the Isle of Man Government HR",
    "url": ANNEX20_URL,
    "summary": "Most staff spend several years at Band 5; for autonomous roles a review for Band 6 falls no earlier than 1 and no later than 2 years after qualifying (extension of at most 6 months). Revised January 2026 to name nursing and the allied health professions (UNISON health news, January 2026)."}
sources["nhs-employers-profiles"] = {
    "title": "National job profiles: occupational therapy", "kind": "public", "publisher": "NHS Employers",
    "url": "https://www.nhsemployers.org/articles/national-job-profiles",
    "summary": "Bands for OT profiles: clinical support worker Band 2, higher level Band 3, OT technician Band 4, OT Band 5, specialist OT Band 6, advanced OT and team manager Band 7, principal OT Band 8a, consultant OT Band 8a-8b."}
sources["csp-support-worker"] = {
    "title": "What is a support worker?", "kind": "public", "publisher": "Chartered Society of Physiotherapy",
    "url": "https://www.csp.org.uk/careers-jobs/what-support-worker",
    "summary": "Support workers are employed at Agenda for Change Bands 2-4; about 70% are at Band 3."}
sources["awp-ot-support-worker-apprenticeship"] = {
    "title": "Band 3 Occupational Therapy Support Worker, apprenticeship route (job advert, 2025)", "kind": "public",
    "publisher": "Avon and Wiltshire Mental Health Partnership NHS Trust (AWP)", "url": AWP_URL,
    "summary": "A Band 3 OT support worker post, initially a 12-month fixed term, extended for the 4-year OT degree apprenticeship once the holder is accepted onto it."}
sources["wessex-lmc-ot"] = {
    "title": "ARRS roles: occupational therapists (first contact practitioners)", "kind": "public", "publisher": "Wessex LMCs",
    "url": WESSEX_URL,
    "summary": "HEE primary-care FCP training is the minimum for entry to primary care and can begin 3-5 years after qualifying; FCPs work at master's level, Agenda for Change Band 7 or equivalent and above."}
sources["devon-training-hub-ot"] = {
    "title": "Primary care roles: occupational therapists", "kind": "public", "publisher": "Devon Training Hub",
    "url": DEVON_URL,
    "summary": "OTs employed under ARRS complete stages 1-2 of the HEE FCP roadmap within 12-18 months of starting, by a portfolio or a higher-education route (45-60 level 7 credits)."}
sources["ntu-acp-msc"] = {
    "title": "Advanced Clinical Practice Level 7 Apprenticeship MSc", "kind": "public", "publisher": "Nottingham Trent University",
    "url": NTU_URL, "summary": "MSc advanced clinical practice (apprenticeship or not): three years part-time."}
sources["northampton-acp-apprenticeship"] = {
    "title": "Advanced Clinical Practitioner Apprenticeship", "kind": "public", "publisher": "University of Northampton",
    "url": NORTHAMPTON_URL,
    "summary": "Level 7 ACP apprenticeship (MSc): 36 months plus end-point assessment; entry needs a UK registered professional with at least three years of post-registration experience."}
sources["hee-consultant-practice"] = {
    "title": "Consultant practice", "kind": "public", "publisher": "NHS England Centre for Advancing Practice",
    "url": "https://advanced-practice.hee.nhs.uk/consultant/",
    "summary": "Consultant-level practice is framed as a further step beyond advanced practice."}
sources["nbcot-eligibility"] = {
    "title": "Am I eligible to take the NBCOT exam?", "kind": "public", "publisher": "NBCOT", "url": NBCOT_ELIG_URL,
    "summary": "US graduates need an ACOTE-accredited entry-level degree. Internationally educated OTs apply through OTED and need an entry-level master's, or an OT bachelor's plus a post-professional master's/doctorate in OT or a master's in a related field. NBCOT does not certify internationally educated OT assistants."}
sources["otmastery-bridge"] = {
    "title": "OTA to OTR Bridge Programs 2025: complete program list and guide", "kind": "public", "publisher": "OT Mastery",
    "url": OTM_URL,
    "summary": "Bridge programmes for COTAs: about 2 years (USAHS MOT bridge, 84 credits, no bachelor's), 28 months (Middle Georgia State MSOT bridge), 3-4 years low-residency elsewhere; then the NBCOT OTR exam and a state licence."}
sources["usahs-ota-mot-bridge"] = {
    "title": "OTA to MOT Bridge Program", "kind": "public", "publisher": "University of St. Augustine for Health Sciences",
    "url": "https://www.usa.edu/master-of-occupational-therapy-mot-ota-to-ot-bridge/",
    "summary": "OTAs with at least 84 credits can enter the MOT without a bachelor's and finish in as little as two years."}
sources["llu-mot-bridge"] = {
    "title": "Occupational Therapy MOT (online, for COTAs)", "kind": "public", "publisher": "Loma Linda University",
    "url": "https://llu.edu/academics/programs/occupational-therapy-mot-online",
    "summary": "Seven quarters; needs a bachelor's and one year of COTA practice."}
# Existing sources: add the URLs and corrections the audit relies on.
sources["nhse-acp"]["url"] = "https://advanced-practice.hee.nhs.uk/multi-professional-framework-for-advanced-clinical-practice-in-england/"
sources["hcpc"]["summary"] = ("'Occupational therapist' is a protected title in the UK; registration is renewed every 2 years with a CPD audit. "
                              "OTs qualified outside the UK apply through the international route; the whole process takes about 60 working days from a complete application.")
sources["acote-nbcot"]["summary"] += " NBCOT eligibility for US graduates: an ACOTE-accredited entry-level programme."

# ---------------------------------------------------------------- qualifications
RENAME = {"us-mot-degree": "us-mot", "us-otd-degree": "us-otd", "us-state-licence-ot": "us-state-ot-licence",
          "us-state-licence-ota": "us-state-ota-licence", "uk-acp-level7": "acp-msc", "uk-fcp-training": "uk-fcp-roadmap"}
quals = []
for q in src["qualifications"]:
    q = dict(q)
    if q["id"] == "us-high-school-diploma":
        continue  # nothing awards it (the high-school role is a starting point); see report
    q["id"] = RENAME.get(q["id"], q["id"])
    quals.append(q)
QD = {q["id"]: q for q in quals}
QD["acp-msc"].update(title="ACP MSc (level 7)", description="MSc in advanced clinical practice at level 7, taught or through the level 7 ACP degree apprenticeship (which awards the MSc)",
                     sources=["seed-002", "nhse-acp", "ntu-acp-msc", "northampton-acp-apprenticeship"])
QD["uk-fcp-roadmap"].update(title="FCP roadmap recognition", description="First contact practitioner recognition: stages 1-2 of the HEE/NHS England primary-care roadmap, by the taught (HEI, 45-60 level 7 credits) or the portfolio route",
                            sources=["wessex-lmc-ot", "devon-training-hub-ot"])
QD["us-mot"]["description"] = "Entry-level Master of Occupational Therapy (MOT/MSOT), ACOTE-accredited, including from an OTA-to-OT bridge programme"
quals += [
    {"id": "acp-portfolio", "title": "ACP portfolio recognition", "country": "UK",
     "description": "Advanced-practice capability recognised through a portfolio rather than the taught programme; MPFT uses the ACP title only after the programme or the portfolio",
     "sources": ["mpft-ot", "nhse-acp"]},
    {"id": "ot-post-professional-masters", "title": "Post-professional master's (OT)", "country": "UK",
     "description": "A post-professional master's or doctorate in OT, or a master's in a related field, held with an OT bachelor's: what NBCOT's OTED needs of a bachelor's-only OT",
     "sources": ["nbcot-eligibility"]},
    {"id": "nbcot-oted", "title": "NBCOT OTED determination", "country": "US",
     "description": "NBCOT's Occupational Therapist Eligibility Determination: an internationally educated OT's education and fieldwork judged comparable to US entry level, so they may sit the OTR exam",
     "sources": ["nbcot-eligibility"]},
    {"id": "hcpc-international-route", "title": "HCPC international assessment", "country": "UK",
     "description": "An OT qualification gained outside the UK, assessed by the HCPC's international route against its standards of proficiency",
     "sources": ["hcpc"]},
]

# ---------------------------------------------------------------- requirement sets
UK_PREREG = ["uk-ot-bsc", "uk-ot-msc-pre-registration", "uk-ot-degree-apprenticeship", "hcpc-international-route"]
UK_REQ = [UK_PREREG, "hcpc-registration"]
UK_EV = [ev("sourced", "nhs-health-careers", HC_URL + " > Entry requirements",
            note="A 3-4 year degree, a 2-year accelerated pre-registration MSc, or a degree apprenticeship; an OT qualified outside the UK is assessed by the HCPC international route instead."),
         ev("sourced", "hcpc", "https://www.hcpc-uk.org > Occupational therapist (protected title)")]
US_DEG = ["us-mot", "us-otd", "nbcot-oted"]
def us_ot_req(heading, deg_note=None):
    return ([US_DEG, "nbcot-otr", "us-state-ot-licence"],
            [ev("sourced", "seed-001", S1 + heading + " > Education",
                note=deg_note or "Seed 001 asks for a master's; seed 004 (The Education Path) names the entry-level OTD as the other route; internationally educated OTs qualify through NBCOT's OTED (nbcot-eligibility)."),
             ev("sourced", "seed-001", S1 + heading + " > Certifications"),
             ev("sourced", "seed-001", S1 + heading + " > Certifications", note="State licensure is required in all states (seed 001, Required Skills and Qualifications > Certifications).")])
SETTING_REQ = ([US_DEG, "nbcot-otr", "us-state-ot-licence"],
               [ev("sourced", "seed-004", S4 + "Career Options with OT Master's: A Detailed Look at Practice Settings"),
                ev("sourced", "acote-nbcot", NBCOT_CERT_URL + " > OT: NBCOT OTR exam"),
                ev("sourced", "acote-nbcot", NBCOT_CERT_URL + " > state licence (every state licenses OTs)")])
COTA_REQ = (["us-ota-associate-degree", "nbcot-cota", "us-state-ota-licence"],
            [ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Education and Training Requirements"),
             ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Education and Training Requirements",
                note="Licence or registration usually involves passing the NBCOT exam."),
             ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Education and Training Requirements",
                note="Most states require OT assistants to be licensed or registered; where a state does not, this group applies only as the employer asks.")])

ROLE_REQ = {}
for rid in ["nhs-band5-ot", "nhs-specialist-ot", "nhs-specialist-ot-neuro", "nhs-specialist-ot-trauma", "nhs-specialist-ot-acute-medicine",
            "nhs-specialist-ot-haem-onc", "nhs-advanced-ot", "nhs-professional-lead-ot",
            "ss-ot", "ss-senior-ot", "ss-reablement-ot", "ss-sensory-services-ot", "ss-adult-early-help-ot", "ss-principal-ot", "ss-ot-team-manager"]:
    ROLE_REQ[rid] = (UK_REQ, UK_EV)
ROLE_REQ["nhs-first-contact-practitioner"] = (UK_REQ + ["uk-fcp-roadmap"], UK_EV + [
    ev("sourced", "devon-training-hub-ot", DEVON_URL + " > Training Requirements",
       note="Stages 1-2 of the FCP roadmap, by a portfolio or a higher-education route; Wessex LMCs call it the minimum threshold for entry to primary care.")])
ACP_EV = ev("sourced", "mpft-ot", MPFT_URL + " > Band 8: advanced clinical practitioner or consultant",
            note="MPFT uses the ACP and consultant titles only after the ACP programme or portfolio; the programme is a level 7 MSc, taught or as the level 7 apprenticeship (seed 002 > Advanced occupational therapist duties; nhse-acp).")
ROLE_REQ["nhs-acp-ot"] = (UK_REQ + [["acp-msc", "acp-portfolio"]], UK_EV + [ACP_EV])
ROLE_REQ["nhs-consultant-ot"] = (UK_REQ + [["acp-msc", "acp-portfolio"]], UK_EV + [ACP_EV])
for rid, head in [("us-entry-ot", "Entry-Level Occupational Therapist"), ("us-mid-ot", "Mid-Level Occupational Therapist"),
                  ("us-senior-ot", "Senior Occupational Therapist"), ("us-lead-ot", "Lead Occupational Therapist"),
                  ("us-rehab-services-manager", "Rehabilitation Services Manager")]:
    ROLE_REQ[rid] = us_ot_req(head, "Master's or doctoral degree in OT or a related field; NBCOT and an active OT licence are also required, which need an OT degree." if rid == "us-rehab-services-manager" else None)
ROLE_REQ["us-ot-department-manager"] = ([US_DEG, "us-state-ot-licence"],
    [ev("sourced", "seed-000", "seed 000 > skills and qualifications paragraph", note="An advanced OT degree (master's or doctorate) and an active, unrestricted licence."),
     ev("sourced", "seed-000", "seed 000 > skills and qualifications paragraph")])
for rid in ["us-school-ot", "us-home-health-ot", "us-mental-health-ot", "us-outpatient-ot", "us-ot-academic"]:
    ROLE_REQ[rid] = SETTING_REQ
for rid in ["us-corporate-wellness-ot", "us-ergonomics-consultant"]:
    ROLE_REQ[rid] = ([US_DEG], [ev("sourced", "seed-004", S4 + "Career Options with OT Master's: A Detailed Look at Practice Settings > 5. Other Non-Traditional Settings",
                                    note="Consulting posts outside clinical practice: the OT degree only; a licence is needed only to practise as an OT.")])
for rid in ["us-cota", "us-cota-experienced", "us-cota-lead"]:
    ROLE_REQ[rid] = COTA_REQ
# Education stages: holding the stage means holding what the move into it awards.
for rid, q, s, loc in [("edu-uk-ot-bsc", "uk-ot-bsc", "nhs-health-careers", HC_URL + " > Entry requirements"),
                       ("edu-uk-first-degree", "uk-first-degree", "nhs-health-careers", HC_URL + " > Entry requirements"),
                       ("edu-uk-ot-msc", "uk-ot-msc-pre-registration", "nhs-health-careers", HC_URL + " > Entry requirements"),
                       ("edu-us-ota-associate", "us-ota-associate-degree", "seed-003", S3 + "Occupational Therapy Technician Education and Training Requirements"),
                       ("edu-us-bachelors", "us-bachelors-degree", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School?"),
                       ("edu-us-mot", "us-mot", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School?"),
                       ("edu-us-otd", "us-otd", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School?")]:
    ROLE_REQ[rid] = ([q], [ev("sourced", s, loc)])

# ---------------------------------------------------------------- stages
STAGE = {"edu-uk-school-leaver": "school", "edu-us-high-school": "school",
         "edu-uk-ot-bsc": "degree", "edu-uk-first-degree": "degree", "edu-uk-ot-msc": "degree", "edu-us-ota-associate": "degree",
         "edu-us-bachelors": "degree", "edu-us-mot": "degree", "edu-us-otd": "degree",
         "ss-adult-social-care-worker": "support", "ss-ot-apprentice": "apprentice", "ss-ot": "qualified",
         "ss-senior-ot": "senior", "ss-reablement-ot": "senior", "ss-sensory-services-ot": "senior", "ss-adult-early-help-ot": "senior",
         "ss-principal-ot": "principal", "ss-ot-team-manager": "team manager",
         "us-entry-ot": "entry", "us-mid-ot": "mid-level", "us-senior-ot": "senior", "us-lead-ot": "lead",
         "us-rehab-services-manager": "manager", "us-ot-department-manager": "manager",
         "us-ot-aide": "support", "us-cota": "entry", "us-cota-experienced": "experienced", "us-cota-lead": "lead",
         "us-school-ot": "entry", "us-home-health-ot": "entry", "us-mental-health-ot": "entry",
         "us-outpatient-ot": "mid-level", "us-corporate-wellness-ot": "mid-level", "us-ergonomics-consultant": "mid-level",
         "us-ot-academic": "senior"}

# ---------------------------------------------------------------- aliases
ADD_ALIAS = {"nhs-first-contact-practitioner": ["FCP", "Band 7 OT"], "nhs-advanced-ot": ["Band 7 OT"],
             "nhs-specialist-ot": ["Band 6 OT", "Senior OT"], "nhs-ot-assistant": ["OTA", "Band 3 OT Support Worker", "Clinical Support Worker Higher Level (OT)"],
             "nhs-ot-support-worker": ["Clinical Support Worker (OT)"],
             "us-cota": ["OTA"], "nhs-band5-ot": ["Band 5 OT"], "nhs-acp-ot": ["ACP"], "us-senior-ot": ["Senior OT"]}
for rid in ["us-entry-ot", "us-mid-ot", "us-senior-ot", "us-lead-ot"]:
    ADD_ALIAS.setdefault(rid, []).extend(["OT", "OTR", "OTR/L"])
DROP_ALIAS = {"nhs-consultant-ot": ["Band 8 Consultant Occupational Therapist"]}  # consultants are Band 8a-8b, not "Band 8"

# ---------------------------------------------------------------- roles
def pay_from_salary(rid, s):
    if s["currency"] == "GBP":
        band = s["note"].split("Band ")[1].split(" pay")[0] if "Band " in s["note"] else None
        loc = AFC_URL + " > " + ("Band 8a and Band 8b" if rid == "nhs-consultant-ot" else f"Band {band}")
        p = {"currency": "GBP", "min": s["min"], "max": s["max"], "period": "year", "year": "2025/26", "region": "England",
             "evidence": ev("sourced", "afc-pay-2025", loc, note=s["note"])}
        return [p]
    return None

roles = []
for r in src["roles"]:
    r = dict(r)
    rid = r["id"]
    sal = r.pop("salary", None)
    if sal:
        if rid == "us-cota":
            r["pay"] = [
                {"currency": "USD", "min": 30000, "max": 45000, "period": "year", "year": 2025, "region": "US",
                 "evidence": ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Job Description Template > Additional Information (Pay Range)",
                                note="Pay range in the seed's job-ad template (page 'Updated for 2025').")},
                {"currency": "USD", "average": 57620, "period": "year", "year": 2025, "region": "US",
                 "evidence": ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Salary Expectations",
                                note="National average for the role (page 'Updated for 2025').")}]
        elif rid == "us-entry-ot":
            r["pay"] = [{"currency": "USD", "average": 92577, "period": "year", "region": "US",
                         "evidence": ev("sourced", "seed-001", S1 + "National Average Salary",
                                        note="National average for all occupational therapists, not entry-level pay.")}]
        else:
            r["pay"] = pay_from_salary(rid, sal)
    if rid in ROLE_REQ:
        r["requires"], r["requires_evidence"] = ROLE_REQ[rid]
    if rid in STAGE:
        r["stage"] = STAGE[rid]
    al = [a for a in r.get("aliases", []) if a not in DROP_ALIAS.get(rid, [])]
    for a in ADD_ALIAS.get(rid, []):
        if a not in al:
            al.append(a)
    r["aliases"] = al
    # Audit corrections
    if rid == "nhs-consultant-ot":
        r["band"] = "8a-8b"
        r["sources"] = ["seed-002", "nhs-health-careers", "nhs-employers-profiles", "mpft-ot", "hee-consultant-practice", "afc-pay-2025"]
        r["description"] += " Banded 8a-8b in the NHS national profiles; a step beyond advanced practice."
    if rid == "nhs-first-contact-practitioner":
        r["sources"] = ["wessex-lmc-ot", "devon-training-hub-ot", "afc-pay-2025"]
        r["description"] = "Primary-care clinician at master's level in the clinical pillar, Agenda for Change Band 7 or equivalent and above; recognised through the FCP roadmap (taught or portfolio route)."
    if rid == "nhs-acp-ot":
        r["sources"] = ["seed-002", "nhse-acp", "mpft-ot", "ntu-acp-msc", "northampton-acp-apprenticeship", "afc-pay-2025"]
        r["description"] += " MPFT places ACPs at Band 8; the framework asks for Band 7 or above."
    if rid == "nhs-ot-support-worker":
        r["sources"] = ["seed-002", "mpft-ot", "nhs-employers-profiles", "csp-support-worker", "afc-pay-2025"]
        r["description"] = "Unqualified Band 2 support role (not an OT); some employers fund training toward the OT qualification."
    if rid == "nhs-ot-assistant":
        r["sources"] = ["mpft-ot", "mhc-ot", "nhs-employers-profiles", "csp-support-worker", "awp-ot-support-worker-apprenticeship", "afc-pay-2025"]
        r["description"] = "Band 3 OT assistant / support worker (not an OT; Band 3 is the majority support-worker band); a Band 3 post can lead into the OT degree apprenticeship."
    if rid == "nhs-ot-assistant-practitioner":
        r["description"] = "Band 4 assistant practitioner: not an OT and not HCPC-registered."
    if rid == "nhs-band5-ot":
        r["sources"] = r["sources"] + ["afc-annex-20"]
    if rid == "us-cota":
        r["description"] = "Carries out treatment plans under an OT's supervision; entry-level candidates bring 1-2 years of experience, often from fieldwork, internships or part-time healthcare work."
    if rid == "edu-us-high-school":
        r["description"] = "Starting point: a high school diploma or GED (seed 003 asks for one of OT technicians)."
    roles.append(r)

NEW_ROLES = [
    {"id": "edu-intl-ot-pp-masters", "title": "Post-Professional Master's in Occupational Therapy (UK-qualified OT)",
     "aliases": ["Post-professional OT master's", "MSc Occupational Therapy (post-registration)"],
     "kind": "education", "country": "UK", "track": "education", "level": 5, "stage": "degree", "settings": [],
     "description": "A UK OT with a bachelor's adds a post-professional master's (or a master's in a related field) so that NBCOT's OTED can accept their education.",
     "requires": [["uk-ot-bsc", "uk-ot-degree-apprenticeship"], "ot-post-professional-masters"],
     "requires_evidence": [ev("sourced", "nbcot-eligibility", NBCOT_ELIG_URL + " > I Earned my OT Degree Outside of the U.S.A > Education Requirements"),
                           ev("sourced", "nbcot-eligibility", NBCOT_ELIG_URL + " > I Earned my OT Degree Outside of the U.S.A > Education Requirements")],
     "sources": ["nbcot-eligibility"]},
    {"id": "edu-us-nbcot-oted", "title": "NBCOT Eligibility Determination (Internationally Educated OT)",
     "aliases": ["OTED", "NBCOT OTED"], "kind": "education", "country": "US", "track": "education", "level": 5, "stage": "licence", "settings": [],
     "description": "NBCOT reviews an internationally educated OT's master's-level education and fieldwork; if comparable, they may sit the OTR exam and then apply for a state licence.",
     "requires": [["uk-ot-msc-pre-registration", "ot-post-professional-masters"], "nbcot-oted"],
     "requires_evidence": [ev("sourced", "nbcot-eligibility", NBCOT_ELIG_URL + " > I Earned my OT Degree Outside of the U.S.A > Education Requirements",
                              note="An entry-level master's, or an OT bachelor's plus a post-professional or related master's; a UK BSc alone is not enough."),
                           ev("sourced", "nbcot-eligibility", NBCOT_ELIG_URL + " > I Earned my OT Degree Outside of the U.S.A")],
     "sources": ["nbcot-eligibility"]},
    {"id": "edu-uk-acp-portfolio", "title": "Advanced Practice Portfolio Route",
     "aliases": ["ACP portfolio route", "Advanced practice portfolio"], "kind": "education", "country": "UK", "track": "nhs", "level": 7,
     "stage": "portfolio", "settings": [],
     "description": "An experienced Band 7 practitioner evidences advanced-practice capability across the four pillars by portfolio instead of the taught MSc.",
     "requires": UK_REQ + ["acp-portfolio"], "requires_evidence": UK_EV + [ACP_EV],
     "sources": ["mpft-ot", "nhse-acp"]},
]
roles += NEW_ROLES

# ---------------------------------------------------------------- transitions
def T(years, mn, mx, kind, evidence, awards=None, note=None, sources=None, requires=None):
    d = {"years": years, "years_min": mn, "years_max": mx, "years_kind": kind, "years_evidence": evidence, "awards": awards or []}
    if requires:
        d["requires"] = requires
    if note is not None:
        d["note"] = note
    if sources is not None:
        d["sources"] = sources
    return d

B5B6 = lambda: T(2, 1, 2, "source-range",
                 ev("sourced", "afc-annex-20", ANNEX20_URL + " > Annex 20: review for Band 6 no earlier than 1 year and no later than 2 years after qualifying"),
                 note="Annex 20's review window for autonomous roles (at most a 6-month extension); most staff spend several years at Band 5, so 2 is the typical figure.",
                 sources=["afc-annex-20", "seed-002"])
B6B7 = lambda s: T(3, 2, None, "estimate", est("No source gives the Band 6 to Band 7 time; 3 years chosen as a mid-range career step, at least 2."), sources=s)
APPR = lambda s, extra: T(4, 2.5, 4, "source-range",
                          ev("sourced", "ot-apprenticeship-standard", STD_URL + " > Typical duration (48 months)",
                             note="Some providers deliver it in 30-36 months plus end-point assessment (shu.ac.uk, northampton.ac.uk)." + extra),
                          awards=["uk-ot-degree-apprenticeship", "hcpc-registration"], sources=s)
ZERO_SIDE = lambda note, s: T(0, 0, 0, "estimate", est("A change of employer or setting at the same level; no qualifying time."), note=note, sources=s)
US_MID = lambda s: T(3, 2, 4, "experience", ev("sourced", "seed-001", S1 + "Mid-Level Occupational Therapist > Preferred Qualifications"),
                     note="Preferred experience for mid-level posts (2-4 years), counted from entry; not a gate.", sources=s)
LICENSURE_OT = lambda s, note: T(0.25, 0.25, 0.5, "estimate",
                                 est("No source gives the time from graduating to passing the NBCOT OTR exam and holding a state licence; about 3 months chosen (at most 6)."),
                                 awards=["nbcot-otr", "us-state-ot-licence"], note=note, sources=s)
BRIDGE = lambda: T(2, 2, 4, "source-range",
                   ev("sourced", "otmastery-bridge", OTM_URL + " > Complete List of Accredited OTA to OTR Bridge Programs",
                      note="About 2 years (USAHS), 28 months (Middle Georgia State), 3-4 years low-residency elsewhere; Loma Linda's 7 quarters need a bachelor's and 1 year of COTA practice."),
                   awards=["us-mot", "us-level-ii-fieldwork"],
                   note="OTA-to-OT bridge programme ending in the entry-level master's (MOT/MSOT); the OTR exam and a state licence follow.",
                   sources=["otmastery-bridge", "usahs-ota-mot-bridge", "llu-mot-bridge"])
FCP_FROM_B6 = lambda: T(3, 3, 4.5, "source-range",
                        ev("derived", "wessex-lmc-ot", WESSEX_URL + " > Training and Development", rule="post-registration-offset",
                           note="FCP training begins 3-5 years after registration (wessex-lmc-ot) and roadmap stages 1-2 take 12-18 months (devon-training-hub-ot): FCP at 4-6.5 years after registration. Less the Band 5 time (1-2, typical 2): 3 typical, at least 3 so Band 5 to FCP is at least 4, at most 4.5."),
                        awards=["uk-fcp-roadmap"],
                        note="FCP is a Band 7 post reached 3-5 years after registration plus 12-18 months of roadmap stages 1-2 (taught or portfolio route).",
                        sources=["wessex-lmc-ot", "devon-training-hub-ot"])
ACP_MSC = lambda s, extra="": T(3, 3, 3, "source-range",
                                ev("sourced", "ntu-acp-msc", NTU_URL + " > Duration: three years, part-time",
                                   note="Northampton's level 7 ACP apprenticeship is 36 months plus end-point assessment; entry needs at least 3 years post-registration (northampton-acp-apprenticeship > Entry Requirements)." + extra),
                                awards=["acp-msc"], note="ACP level 7 MSc, taught or as the level 7 apprenticeship, about 3 years part-time alongside work.", sources=s)

MOVES = {
    ("edu-uk-school-leaver", "edu-uk-ot-bsc"): T(3, 3, 4, "source-range", ev("sourced", "nhs-health-careers", HC_URL + " > Entry requirements (a 3-4 year degree)"),
                                                awards=["uk-ot-bsc"], note="3 years in England (4 in Scotland)."),
    ("edu-uk-school-leaver", "edu-uk-first-degree"): T(3, 3, 4, "estimate", est("A UK bachelor's usually runs 3 years (4 in Scotland); the sources do not give the first degree's length."), awards=["uk-first-degree"]),
    ("edu-uk-first-degree", "edu-uk-ot-msc"): T(2, 2, 2, "source-range", ev("sourced", "nhs-health-careers", HC_URL + " > Entry requirements (2-year accelerated MSc)"),
                                               awards=["uk-ot-msc-pre-registration"]),
    ("edu-uk-ot-bsc", "nhs-band5-ot"): T(0, 0, 0.25, "estimate", est("HCPC registration follows graduation within weeks; no source gives a time."), awards=["hcpc-registration"]),
    ("edu-uk-ot-msc", "nhs-band5-ot"): T(0, 0, 0.25, "estimate", est("HCPC registration follows graduation within weeks; no source gives a time."), awards=["hcpc-registration"]),
    ("edu-uk-ot-bsc", "ss-ot"): T(0, 0, 0.25, "estimate", est("HCPC registration follows graduation within weeks; no source gives a time."), awards=["hcpc-registration"]),
    ("edu-uk-ot-msc", "ss-ot"): T(0, 0, 0.25, "estimate", est("HCPC registration follows graduation within weeks; no source gives a time."), awards=["hcpc-registration"]),
    ("edu-uk-school-leaver", "nhs-ot-support-worker"): T(0, 0, 0, "estimate", est("Direct entry to a support post; no degree needed and no time to qualify.")),
    ("edu-uk-school-leaver", "ss-adult-social-care-worker"): T(0, 0, 0, "estimate", est("Direct entry to a care post that needs no degree.")),
    ("nhs-ot-support-worker", "nhs-ot-assistant"): T(2, 1, None, "estimate", est("Band 2 to Band 3: no source gives the time; 2 years chosen.")),
    ("nhs-ot-assistant", "nhs-ot-assistant-practitioner"): T(2, 1, None, "estimate", est("Band 3 to Band 4: no source gives the time; 2 years chosen.")),
    ("nhs-ot-support-worker", "nhs-ot-degree-apprentice"): T(1, 0, 2, "estimate", est("Seed 002 says some employers fund training; no source gives when. 1 year chosen, as in the AWP Band 3 post."),
                                                             note="Employer-funded training toward the OT qualification."),
    ("nhs-ot-assistant", "nhs-ot-degree-apprentice"): T(1, 1, 1, "source-range",
                                                        ev("sourced", "awp-ot-support-worker-apprenticeship", AWP_URL + " > Job overview",
                                                           note="A Band 3 OT support worker post, initially a 12-month fixed term, then extended for the 4-year apprenticeship (facts.md > Corrections and additions > Support workers)."),
                                                        note="A Band 3 post leading into the 4-year OT degree apprenticeship.",
                                                        sources=["awp-ot-support-worker-apprenticeship", "ot-apprenticeship-standard", "rcot-apprenticeships"]),
    ("nhs-ot-assistant-practitioner", "nhs-ot-degree-apprentice"): T(0, 0, 1, "estimate", est("No source gives a time; an assistant practitioner can start when an employer offers a place.")),
    ("nhs-ot-degree-apprentice", "nhs-band5-ot"): APPR(["ot-apprenticeship-standard", "rcot-apprenticeships", "hcpc"], ""),
    ("ss-ot-apprentice", "ss-ot"): APPR(["north-somerset", "ot-apprenticeship-standard", "hcpc"], " North Somerset's sponsored course is four years."),
    ("nhs-band5-ot", "nhs-specialist-ot"): B5B6(),
    ("nhs-band5-ot", "nhs-specialist-ot-neuro"): B5B6(),
    ("nhs-band5-ot", "nhs-specialist-ot-trauma"): B5B6(),
    ("nhs-band5-ot", "nhs-specialist-ot-acute-medicine"): B5B6(),
    ("nhs-band5-ot", "nhs-specialist-ot-haem-onc"): B5B6(),
    ("nhs-specialist-ot", "nhs-advanced-ot"): B6B7(["seed-002", "mpft-ot"]),
    ("nhs-specialist-ot-neuro", "nhs-advanced-ot"): B6B7(["seed-002", "mpft-ot"]),
    ("nhs-specialist-ot-trauma", "nhs-advanced-ot"): B6B7(["seed-002", "mpft-ot"]),
    ("nhs-specialist-ot-acute-medicine", "nhs-advanced-ot"): B6B7(["seed-002", "mpft-ot"]),
    ("nhs-specialist-ot-haem-onc", "nhs-advanced-ot"): B6B7(["seed-002", "mpft-ot"]),
    ("nhs-specialist-ot", "nhs-first-contact-practitioner"): FCP_FROM_B6(),
    ("nhs-advanced-ot", "nhs-acp-ot"): ACP_MSC(["seed-002", "nhse-acp", "ntu-acp-msc", "northampton-acp-apprenticeship"]),
    ("nhs-first-contact-practitioner", "nhs-acp-ot"): ACP_MSC(["nhse-acp", "ntu-acp-msc", "northampton-acp-apprenticeship"],
                                                              " Roadmap credits from the taught FCP route may count toward it."),
    ("nhs-acp-ot", "nhs-consultant-ot"): T(2, 1, None, "estimate", est("Consultant practice is a further step beyond advanced practice (hee-consultant-practice); no source gives the time, 2 years chosen."),
                                           sources=["seed-002", "mpft-ot", "hee-consultant-practice"]),
    ("nhs-advanced-ot", "nhs-professional-lead-ot"): T(4, 2, None, "estimate", est("Band 7 to Band 8b professional lead: no source gives the time; 4 years chosen.")),
    ("nhs-consultant-ot", "nhs-professional-lead-ot"): T(1, 0, None, "estimate", est("No source gives the time; a consultant may move into the lead post after about a year.")),
    ("ss-adult-social-care-worker", "ss-ot-apprentice"): T(0.5, 0.5, None, "estimate", est("North Somerset sponsors staff who have passed probation; a 6-month probation assumed."),
                                                           note="Apprenticeship offered to internal staff (North Somerset: 4 places per rolling 4 years)."),
    ("ss-ot", "ss-senior-ot"): T(2, 1, None, "estimate", est("Cheshire East runs a 24-month progression programme for newly qualified OTs; it does not say it leads to a senior post, so 2 years is our estimate."),
                                 note="24-month progression programme for newly qualified OTs (Cheshire East)."),
    ("ss-ot", "ss-reablement-ot"): T(2, 1, None, "estimate", est("No source gives the time; 2 years chosen like the step to senior.")),
    ("ss-ot", "ss-sensory-services-ot"): T(2, 1, None, "estimate", est("No source gives the time; 2 years chosen like the step to senior.")),
    ("ss-ot", "ss-adult-early-help-ot"): T(2, 1, None, "estimate", est("No source gives the time; 2 years chosen like the step to senior.")),
    ("ss-senior-ot", "ss-principal-ot"): T(3, 2, None, "estimate", est("No source gives the time; 3 years chosen like NHS Band 6 to Band 7.")),
    ("ss-reablement-ot", "ss-principal-ot"): T(3, 2, None, "estimate", est("No source gives the time; 3 years chosen like NHS Band 6 to Band 7.")),
    ("ss-sensory-services-ot", "ss-principal-ot"): T(3, 2, None, "estimate", est("No source gives the time; 3 years chosen like NHS Band 6 to Band 7.")),
    ("ss-adult-early-help-ot", "ss-principal-ot"): T(3, 2, None, "estimate", est("No source gives the time; 3 years chosen like NHS Band 6 to Band 7.")),
    ("ss-senior-ot", "ss-ot-team-manager"): T(3, 2, None, "estimate", est("No source gives the time; 3 years chosen, including Best Interests Assessor training."), awards=["uk-bia"],
                                              note="Best Interests Assessor training as a step toward team management."),
    ("ss-principal-ot", "ss-ot-team-manager"): T(1, 0.5, None, "estimate", est("No source gives the time; about a year including BIA training."), awards=["uk-bia"]),
    ("nhs-band5-ot", "ss-ot"): ZERO_SIDE("Same HCPC registration; a sideways move between employers.", None),
    ("ss-ot", "nhs-band5-ot"): ZERO_SIDE("Same HCPC registration; a sideways move between employers.", None),
    ("ss-senior-ot", "nhs-specialist-ot"): ZERO_SIDE("Senior social services OTs link health and social care settings.", None),
    ("nhs-specialist-ot", "ss-senior-ot"): ZERO_SIDE("Senior social services OTs link health and social care settings.", None),
    ("edu-us-high-school", "edu-us-bachelors"): T(4, 4, 4, "source-range",
                                                  ev("derived", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School?", rule="total-minus-programme",
                                                     note="Seed 004: 6-7 years in all, of which the MOT is 2 and the OTD 3, leaving 4 for the bachelor's."),
                                                  awards=["us-bachelors-degree"]),
    ("edu-us-bachelors", "edu-us-mot"): T(2, 2, 2.5, "source-range",
                                          ev("sourced", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School? > Master of Occupational Therapy (MOT) or Doctor of Occupational Therapy (OTD)",
                                             note="The MOT is a two-year programme; ACOTE master's programmes run 2-2.5 years (acote-nbcot)."),
                                          awards=["us-mot", "us-level-ii-fieldwork"], note="MOT/MSOT: 2 years (2-2.5 in ACOTE programmes)."),
    ("edu-us-bachelors", "edu-us-otd"): T(3, 3, 3, "source-range",
                                          ev("sourced", "seed-004", S4 + "The Education Path: How Long is Occupational Therapy School? > Master of Occupational Therapy (MOT) or Doctor of Occupational Therapy (OTD)"),
                                          awards=["us-otd", "us-level-ii-fieldwork"]),
    ("edu-us-mot", "us-entry-ot"): LICENSURE_OT(["seed-001", "seed-004", "acote-nbcot"], "NBCOT OTR exam, then a state licence; seed 004 puts bachelor's plus MOT at 6-7 years."),
    ("edu-us-otd", "us-entry-ot"): LICENSURE_OT(["seed-004", "acote-nbcot"], "NBCOT OTR exam, then a state licence."),
    ("edu-us-high-school", "edu-us-ota-associate"): T(2, 2, 2, "source-range",
                                                      ev("sourced", "acote-nbcot", NBCOT_CERT_URL + " > OTA: ACOTE-accredited associate degree (about 2 years, 16 weeks of fieldwork)",
                                                         note="Seed 003 names the associate degree but not its length."),
                                                      awards=["us-ota-associate-degree", "us-ota-fieldwork"]),
    ("edu-us-ota-associate", "us-cota"): T(0.25, 0.25, 0.5, "estimate",
                                           est("No source gives the time to pass the NBCOT COTA exam and obtain a state licence or registration; about 3 months chosen."),
                                           awards=["nbcot-cota", "us-state-ota-licence"]),
    ("edu-us-high-school", "us-ot-aide"): T(0, 0, 0, "estimate", est("Aides train on the job; no qualifying time."), note="Aides train on the job."),
    ("us-ot-aide", "edu-us-ota-associate"): T(2, 2, 2, "source-range",
                                              ev("sourced", "acote-nbcot", NBCOT_CERT_URL + " > OTA: ACOTE-accredited associate degree (about 2 years, 16 weeks of fieldwork)"),
                                              awards=["us-ota-associate-degree", "us-ota-fieldwork"],
                                              note="Seed 003 names rehabilitation aide work as prior experience."),
    ("us-cota", "us-cota-experienced"): T(4, 3, 5, "experience", ev("sourced", "seed-003", S3 + "Occupational Therapy Technician Experience Requirements"),
                                          note="The seed's middle band is 3-5 years of experience, counted here from COTA entry; not a gate."),
    ("us-cota-experienced", "us-cota-lead"): T(2, 2, None, "experience",
                                               ev("derived", "seed-003", S3 + "Occupational Therapy Technician Experience Requirements", rule="cumulative-experience-difference",
                                                  note="Lead roles after more than 5 years, less the experienced band's 3: at least 2 more, open-ended."),
                                               note="More than 5 years in all, with some leadership or supervisory experience."),
    ("us-cota", "edu-us-bachelors"): T(2, 2, None, "estimate", est("Finishing a bachelor's on top of the associate degree; no source gives the time, 2 years chosen."), awards=["us-bachelors-degree"],
                                       note="Finishing a bachelor's, then an MOT or OTD as for anyone; bridge programmes are the shorter route."),
    ("us-cota-experienced", "edu-us-bachelors"): T(2, 2, None, "estimate", est("Finishing a bachelor's on top of the associate degree; no source gives the time, 2 years chosen."), awards=["us-bachelors-degree"]),
    ("us-entry-ot", "us-mid-ot"): US_MID(["seed-001"]),
    ("us-mid-ot", "us-senior-ot"): T(3, 3, None, "experience",
                                     ev("derived", "seed-001", S1 + "Senior Occupational Therapist > Preferred Qualifications", rule="cumulative-experience-difference",
                                        note="5+ years of OT experience for senior posts, less mid-level's 2 at least: 3 or more; typical 3 after mid-level's typical 3."),
                                     note="Senior posts prefer 5+ years of OT experience in all; not a gate."),
    ("us-senior-ot", "us-lead-ot"): T(1, 1, None, "experience",
                                      ev("derived", "seed-001", S1 + "Lead Occupational Therapist > Preferred Qualifications", rule="cumulative-experience-difference",
                                         note="6+ years for lead posts, less senior's 5: 1 or more."),
                                      note="Lead posts prefer 6+ years, 2+ of them leading or supervising."),
    ("us-lead-ot", "us-rehab-services-manager"): T(2, 2, None, "experience",
                                                   ev("derived", "seed-001", S1 + "Rehabilitation Services Manager > Preferred Qualifications", rule="cumulative-experience-difference",
                                                      note="8+ years of clinical experience for managers, less lead's 6: 2 or more."),
                                                   awards=["us-management-education"],
                                                   note="8+ years of clinical experience with 3+ in rehab leadership; management education is recommended, not required."),
    ("us-lead-ot", "us-ot-department-manager"): T(2, 1, None, "estimate", est("Seed 000 asks for 'several years' of clinical experience; 2 more years after a lead post chosen."),
                                                  note="'Several years' of clinical experience plus leadership."),
    ("us-ot-department-manager", "us-rehab-services-manager"): T(1, 1, None, "estimate", est("No source gives the time; 1 year chosen, at least 1 so the route still meets seed 001's 8+ years."),
                                                                 awards=["us-management-education"]),
    ("us-entry-ot", "us-school-ot"): ZERO_SIDE("A change of setting at the same level.", None),
    ("us-entry-ot", "us-home-health-ot"): ZERO_SIDE("A change of setting at the same level.", None),
    ("us-entry-ot", "us-mental-health-ot"): ZERO_SIDE("A change of setting at the same level.", None),
    ("us-school-ot", "us-mid-ot"): US_MID(["seed-001", "seed-004"]),
    ("us-home-health-ot", "us-mid-ot"): US_MID(["seed-001", "seed-004"]),
    ("us-mental-health-ot", "us-mid-ot"): US_MID(["seed-001", "seed-004"]),
    ("us-mid-ot", "us-outpatient-ot"): ZERO_SIDE("Specialist outpatient work (hand therapy, cognitive rehab) after some experience.", None),
    ("us-mid-ot", "us-corporate-wellness-ot"): T(1, 0, None, "estimate", est("No source gives the time; about a year to move into a non-clinical setting.")),
    ("us-mid-ot", "us-ergonomics-consultant"): T(1, 0, None, "estimate", est("No source gives the time; about a year to move into consulting.")),
    ("us-senior-ot", "us-ot-academic"): T(3, 3, None, "estimate", est("A post-professional doctorate usually takes about 3 years; no source gives it."),
                                          awards=["us-post-professional-doctorate"],
                                          note="An OTD is recommended for advanced roles (seed 001); research and faculty posts usually come with a doctorate."),
}
DROP_MOVES = {("nhs-advanced-ot", "nhs-consultant-ot")}  # the consultant title needs the ACP MSc or portfolio: the route runs through ACP

NEW_MOVES = [
    ("nhs-advanced-ot", "nhs-first-contact-practitioner", T(1.25, 1, 1.5, "source-range",
        ev("sourced", "devon-training-hub-ot", DEVON_URL + " > Training Requirements (stages 1-2 within 12-18 months)"),
        awards=["uk-fcp-roadmap"], note="A Band 7 OT moving into primary care completes roadmap stages 1-2.", sources=["devon-training-hub-ot", "wessex-lmc-ot"])),
    ("nhs-advanced-ot", "edu-uk-acp-portfolio", T(3.5, 3, None, "estimate",
        est("No source gives the portfolio route's length; it recognises capability built in practice, so it is set no shorter than the 3-year taught route."),
        awards=["acp-portfolio"], sources=["mpft-ot", "nhse-acp"])),
    ("edu-uk-acp-portfolio", "nhs-acp-ot", T(0, 0, 0, "estimate", est("Recognition of the portfolio; no further time."), sources=["mpft-ot"])),
    ("us-cota", "edu-us-mot", BRIDGE()),
    ("us-cota-experienced", "edu-us-mot", BRIDGE()),
    # UK -> US
    ("edu-uk-ot-bsc", "edu-intl-ot-pp-masters", T(2, 1, 3, "estimate",
        est("No source in the table gives the length; a UK taught master's runs about 1 year full-time or 2-3 part-time, 2 chosen."),
        awards=["ot-post-professional-masters"], note="A UK BSc-only OT is not NBCOT-eligible and must add a master's.", sources=["nbcot-eligibility"])),
    ("nhs-band5-ot", "edu-intl-ot-pp-masters", T(2, 1, 3, "estimate",
        est("No source in the table gives the length; a UK taught master's runs about 1 year full-time or 2-3 part-time, 2 chosen."),
        awards=["ot-post-professional-masters"], note="A UK BSc-only OT is not NBCOT-eligible and must add a master's.", sources=["nbcot-eligibility"])),
    ("ss-ot", "edu-intl-ot-pp-masters", T(2, 1, 3, "estimate",
        est("No source in the table gives the length; a UK taught master's runs about 1 year full-time or 2-3 part-time, 2 chosen."),
        awards=["ot-post-professional-masters"], note="A UK BSc-only OT is not NBCOT-eligible and must add a master's.", sources=["nbcot-eligibility"])),
    ("edu-intl-ot-pp-masters", "edu-us-nbcot-oted", T(0.25, 0.25, 0.5, "estimate",
        est("NBCOT does not give a review time in the sources; about 3 months chosen."), awards=["nbcot-oted"], sources=["nbcot-eligibility"])),
    ("edu-uk-ot-msc", "edu-us-nbcot-oted", T(0.25, 0.25, 0.5, "estimate",
        est("NBCOT does not give a review time in the sources; about 3 months chosen."), awards=["nbcot-oted"],
        note="A UK pre-registration MSc is an entry-level master's, which OTED accepts.", sources=["nbcot-eligibility"])),
    ("edu-us-nbcot-oted", "us-entry-ot", LICENSURE_OT(["nbcot-eligibility", "acote-nbcot"], "After OTED: the NBCOT OTR exam, then a state licence.")),
    # US -> UK
    ("us-entry-ot", "nhs-band5-ot", T(0.25, 0.25, None, "source-range",
        ev("sourced", "hcpc", HCPC_INTL_URL + " > Timescale (about 60 working days from a complete application)"),
        awards=["hcpc-international-route", "hcpc-registration"],
        note="A US-qualified OT registers with the HCPC through the international route before practising in the UK.", sources=["hcpc"])),
]

transitions = []
for t in src["transitions"]:
    key = (t["from"], t["to"])
    if key in DROP_MOVES:
        continue
    new = MOVES[key]  # KeyError = a move nobody audited
    out = {"from": t["from"], "to": t["to"]}
    for k in ["years", "years_min", "years_max", "years_kind", "years_evidence", "awards"]:
        out[k] = new[k]
    if "requires" in new:
        out["requires"] = new["requires"]
    out["sources"] = new.get("sources") or t.get("sources", [])
    note = new["note"] if "note" in new else t.get("note")
    if note:
        out["note"] = note
    # no stale "source" ids left behind
    out["sources"] = [s for s in out["sources"] if s in sources]
    transitions.append(out)
for f, to, new in NEW_MOVES:
    out = {"from": f, "to": to, **{k: new[k] for k in ["years", "years_min", "years_max", "years_kind", "years_evidence", "awards"]}}
    if "requires" in new:
        out["requires"] = new["requires"]
    out["sources"] = new.get("sources", [])
    if new.get("note"):
        out["note"] = new["note"]
    transitions.append(out)

# role sources: drop the retired id
for r in roles:
    r["sources"] = ["afc-annex-20" if s == "afc-annex-t" else s for s in r.get("sources", [])]
    r["sources"] = list(dict.fromkeys(r["sources"]))

meta = dict(src["meta"])
meta["version"] = "2.0"
meta["years"] = ("Each move has years (the typical time, what --by years minimises), years_min and years_max (null max = open-ended, e.g. '5+'), "
                 "years_kind (source-range: a source's range for the step itself; experience: a source's preferred experience, a range not a gate, "
                 "counted cumulatively from the ladder's entry rung; estimate: the dataset's own judgement) and years_evidence "
                 "{grade, source, locator, rule, note}: grade sourced = the cited source states the figure at the locator (a seed file heading or a URL plus section); "
                 "derived = computed by the named rule from a sourced figure (post-registration-offset: a timing stated from registration less the time already spent at Band 5; "
                 "cumulative-experience-difference: a rung's stated total experience less the previous rung's; total-minus-programme: a stated total less its stated parts); "
                 "estimate = no source states the figure, note says why it was chosen. "
                 "awards lists the qualifications a move gives; roles list what a holder needs on entry in requires (groups: an id, or a list of alternatives) with requires_evidence.")
meta["requires"] = "A role's requires holds what is needed on entry (degree, exam, registration, licence); preferred experience is never a requirement. Every required qualification is awarded by at least one move."
meta["pay"] = "pay is a list of figures {currency, min, max, average, period, year, region, evidence}; NHS bands use the Agenda for Change 2025/26 ranges for England."

out = {"meta": meta, "sources": sources, "qualifications": quals, "roles": roles, "transitions": transitions}
(ROOT / "data/roles.next.json").write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n")
print(f"wrote data/roles.next.json: {len(roles)} roles, {len(transitions)} moves, {len(quals)} qualifications, {len(sources)} sources")
