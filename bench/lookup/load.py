"""HTTP/1.1 keep-alive load from its own process: raw sockets under asyncio, no client library in the way.

    python bench/lookup/load.py < job.json      prints one JSON line of results

job: {"port", "mode": "closed" | "open" | "serial", "requests": [raw request text, ...],
      "connections", "seconds", "rate" (open), "count" (serial), "warmup"}

closed: every connection sends its next request as soon as the answer is in
        (the most the server can do). open: requests are due at a fixed rate
        and latency counts from when each was due, so a server that falls
        behind shows it (no coordinated omission). serial: one connection,
        one request after another.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any


async def _answer(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def _connect(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", port, limit=64 * 1024 * 1024)


async def closed(port: int, requests: list[bytes], connections: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def one(offset: int) -> None:
        nonlocal errors
        reader, writer = await _connect(port)
        i = offset
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(requests[i % len(requests)])
            if await _answer(reader) != 200:
                errors += 1
            latencies.append(time.perf_counter() - start)
            i += connections
        writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(one(k) for k in range(connections)))
    return {"latencies": latencies, "errors": errors, "elapsed": time.perf_counter() - began}


async def open_loop(port: int, requests: list[bytes], connections: int, seconds: float,
                    rate: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[tuple[float, bytes] | None] = asyncio.Queue()

    async def worker() -> None:
        nonlocal errors
        reader, writer = await _connect(port)
        while (item := await queue.get()) is not None:
            due, request = item
            writer.write(request)
            if await _answer(reader) != 200:
                errors += 1
            latencies.append(time.perf_counter() - due)
        writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    await asyncio.sleep(0.2)  # connections open before the clock starts
    began = time.perf_counter()
    sent = 0
    while True:
        due = began + sent / rate
        if due - began >= seconds:
            break
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        queue.put_nowait((due, requests[sent % len(requests)]))
        sent += 1
    for _ in workers:
        queue.put_nowait(None)
    await asyncio.gather(*workers)
    return {"latencies": latencies, "errors": errors, "elapsed": time.perf_counter() - began}


async def serial(port: int, requests: list[bytes], count: int) -> dict[str, Any]:
    reader, writer = await _connect(port)
    latencies = []
    errors = 0
    for i in range(count):
        start = time.perf_counter()
        writer.write(requests[i % len(requests)])
        if await _answer(reader) != 200:
            errors += 1
        latencies.append(time.perf_counter() - start)
    writer.close()
    return {"latencies": latencies, "errors": errors, "elapsed": sum(latencies)}


async def run(job: dict[str, Any]) -> dict[str, Any]:
    requests = [r.encode("latin-1") for r in job["requests"]]
    port = job["port"]
    if job.get("warmup"):
        await closed(port, requests, job["connections"], job["warmup"])
    if job["mode"] == "closed":
        return await closed(port, requests, job["connections"], job["seconds"])
    if job["mode"] == "open":
        return await open_loop(port, requests, job["connections"], job["seconds"], job["rate"])
    return await serial(port, requests, job["count"])


if __name__ == "__main__":
    print(json.dumps(asyncio.run(run(json.load(sys.stdin)))))
