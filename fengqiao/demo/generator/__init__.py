"""The demo data generator: a fictional county and its cases, described without the database."""
from fengqiao.demo.generator.cases import generate_cases
from fengqiao.demo.generator.county import COUNTY_CODE, DEMO_ACCOUNTS, County, build_county
from fengqiao.demo.generator.specs import CaseSpec, PartySpec, StepSpec

__all__ = [
    "COUNTY_CODE",
    "DEMO_ACCOUNTS",
    "CaseSpec",
    "County",
    "PartySpec",
    "StepSpec",
    "build_county",
    "generate_cases",
]
