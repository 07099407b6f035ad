"""The order the speed scripts send (.ci/bench-process, .ci/bench-zip-compare):
the example request for every language and topic the server offers, PDF only.

    python3 .ci/bench_order.py PORT > all.json
"""
import json
import sys
import urllib.request

EXAMPLE = "cmd/infogen/example-request.json"


def all_order(port, example=EXAMPLE):
    base = f"http://127.0.0.1:{port}/api/v1/"
    order = json.load(open(example))
    order["languages"] = [l["tag"] for l in json.load(urllib.request.urlopen(base + "locales"))["locales"]]
    order["topics"] = [t["id"] for t in json.load(urllib.request.urlopen(base + "topics"))["topics"]]
    order["formats"] = ["pdf"]
    return order


if __name__ == "__main__":
    json.dump(all_order(sys.argv[1]), sys.stdout)
