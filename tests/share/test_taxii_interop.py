"""The OASIS taxii2-client reads our server over a real uvicorn server on loopback."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from taxii2client.v21 import ApiRoot, Collection, Server, as_pages

from xborder.web.app import create_app

_spec = importlib.util.spec_from_file_location("share_serving_kit", Path(__file__).with_name("serving_kit.py"))
assert _spec is not None and _spec.loader is not None
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)


def test_taxii2_client_discovers_lists_and_pages_through_a_collection(node):
    for i in range(15):
        kit.file_report(node, f"Scam call from 08{i % 10}-555-0{i:03d} asking for a transfer")
    kit.publish(node)
    kh, headers = kit.partner(node, "kh")
    kit.partner(node, "lao", country="LA")
    auth = kit.Bearer(headers)
    with kit.live_server(create_app(node)) as base:
        server = Server(f"{base}/taxii2/", auth=auth)
        assert server.title == "xborder node xborder-th"
        assert [r.url for r in server.api_roots] == [f"{base}/taxii2/api/"]
        root = ApiRoot(f"{base}/taxii2/api/", auth=auth)
        assert root.versions == [kit.TAXII] and root.max_content_length == 1024 * 1024
        assert [c.id for c in root.collections] == [kh.collection_id]
        collection = root.collections[0]
        assert collection.can_read and collection.can_write
        pages = list(as_pages(collection.get_objects, per_request=16))
        objects = [o for page in pages for o in page.get("objects", [])]
        assert len(pages) > 3 and all(len(p["objects"]) == 16 for p in pages[:-1])
        kit.assert_valid(objects)
        # in one piece, the same objects: paging lost and repeated nothing
        whole = Collection(f"{base}/taxii2/api/collections/{kh.collection_id}/", auth=auth).get_objects(limit=10000)
        assert [o["id"] for o in objects] == [o["id"] for o in whole["objects"]]
        assert whole["more"] is False
        assert sum(1 for o in objects if o["type"] == "indicator") == 15
        manifest = list(as_pages(collection.get_manifest, per_request=50))
        assert sum(len(p["objects"]) for p in manifest) == len(objects)
        one = next(o for o in objects if o["type"] == "indicator")
        assert collection.get_object(one["id"])["objects"] == [one]
        assert collection.object_versions(one["id"])["versions"] == [one["modified"]]
