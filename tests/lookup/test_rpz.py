"""rpz.py: the zone is an RFC 1035 master file a resolver accepts (checked with dnspython)."""

import dns.rdatatype
import dns.zone

from xborder.lookup.rpz import render_rpz, zone_origin


def test_the_zone_parses_and_blocks_each_domain_and_its_subdomains():
    origin = zone_origin("xborder-th")
    text = render_rpz(["evil-bank.com", "xn--80ak6aa92e.com"], origin=origin, serial=1700000000,
                      generated="2025-01-01T00:00:00Z").decode()
    zone = dns.zone.from_text(text, origin=None, relativize=False)
    assert str(zone.origin) == "rpz.xborder-th."
    soa = zone.find_rdataset("rpz.xborder-th.", dns.rdatatype.SOA)[0]
    assert soa.serial == 1700000000 and soa.minimum == 300
    assert zone.find_rdataset("rpz.xborder-th.", dns.rdatatype.NS)
    names = {str(name) for name, node in zone.nodes.items()
             if node.get_rdataset(dns.rdataclass.IN, dns.rdatatype.CNAME) is not None}
    assert names == {"evil-bank.com.rpz.xborder-th.", "*.evil-bank.com.rpz.xborder-th.",
                     "xn--80ak6aa92e.com.rpz.xborder-th.", "*.xn--80ak6aa92e.com.rpz.xborder-th."}
    for name in names:
        target = zone.find_rdataset(name, dns.rdatatype.CNAME)[0].target
        assert str(target) == "."  # RPZ: answer NXDOMAIN


def test_names_too_long_for_dns_are_left_out_not_written_broken():
    long = ".".join(["a" * 60] * 4) + ".com"  # 248 characters: no room for the origin
    text = render_rpz([long, "ok.example.com"], origin=zone_origin("Node One!"), serial=5, generated="x").decode()
    zone = dns.zone.from_text(text, origin=None, relativize=False)
    assert str(zone.origin) == "rpz.node-one."
    assert long not in text and "ok.example.com IN CNAME ." in text


def test_an_empty_list_is_still_a_valid_zone():
    text = render_rpz([], origin="rpz.x.", serial=2**32 + 7, generated="x").decode()
    zone = dns.zone.from_text(text, origin=None, relativize=False)
    assert zone.find_rdataset("rpz.x.", dns.rdatatype.SOA)[0].serial == 7
