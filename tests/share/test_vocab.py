import json

import jsonschema
import pytest

from xborder.share import extensions, vocab


def test_fixed_ids_never_change():
    # Partners key on these: a change would orphan everything already shared.
    assert vocab.XBORDER_NAMESPACE.hex == "7b0ad0f43e294c619f4e2f4b7c1d9a85"
    assert vocab.PHONE_EXT == "extension-definition--c70c8178-c8cf-5a3c-a3e8-22a85e53ac15"
    assert vocab.BANK_ACCOUNT_EXT == "extension-definition--d31fe372-717e-5416-bf57-0f1291d55619"
    assert vocab.XBORDER_IDENTITY_ID == "identity--f969b2fe-c5c0-5f90-b0fc-47009cb48c82"
    assert vocab.TLP2_EXTENSION_ID == "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
    assert vocab.TLP_MARKING_IDS == {
        "clear": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        "green": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        "amber": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        "amber+strict": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        "red": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }


def test_national_id_is_never_exportable():
    assert vocab.NEVER_EXPORTED == {"national_id"}
    with pytest.raises(KeyError):
        vocab.sco_type("national_id", "1103702091512")


def test_every_kind_reads_back_from_its_stix_path():
    for kind in vocab.EXPORTABLE_KINDS:
        sco = vocab.sco_type(kind, "::1" if kind == "ip" else "x")
        assert vocab.KIND_BY_PATH[(sco.stix_type, sco.prop)] == kind
    assert vocab.sco_type("ip", "2001:db8::/32").stix_type == "ipv6-addr"
    assert vocab.sco_type("ip", "10.0.0.0/8").stix_type == "ipv4-addr"


def test_extension_definitions_cover_every_new_type_and_ship_their_schema():
    defs = extensions.extension_definitions("https://th.xborder.example/")
    by_name = {d["name"]: d for d in defs}
    for stix_type, ext_id in vocab.NEW_SCO_EXTENSIONS.items():
        assert by_name[stix_type]["id"] == ext_id
        assert by_name[stix_type]["extension_types"] == ["new-sco"]
    assert by_name["phone-number"]["schema"] == "https://th.xborder.example/taxii2/schemas/phone-number.json"
    assert {d["created_by_ref"] for d in defs} == {vocab.XBORDER_IDENTITY_ID}
    for name in extensions.schema_names():
        jsonschema.Draft202012Validator.check_schema(json.loads(extensions.schema_text(name)))
    with pytest.raises(KeyError):
        extensions.schema_text("../vocab")
