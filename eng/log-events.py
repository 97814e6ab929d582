#!/usr/bin/env python3
"""Lists the log events of the libraries under src/ as the markdown table of docs/logging.md, and checks them.

    eng/log-events.py            print the table
    eng/log-events.py --check    also fail (exit 1) on a duplicate id, an id outside its assembly's range, or a
                                 Log{Level}( call without an event id left in src/

Events are found in [LoggerMessage(EventId = N, Level = LogLevel.L, Message = "...")] attributes and in
new EventId(N, "Name") expressions. The ranges are the ones docs/logging.md reserves.
"""
import glob
import re
import sys

RANGES = {
    "DynaSplit.Core": (1000, 1999),
    "DynaSplit.Optimization": (2000, 2099),
    "DynaSplit.Optimization.Sqlite": (2100, 2199),
    "DynaSplit.Simulation": (2200, 2299),
    "DynaSplit.Placement": (2300, 2399),
    "DynaSplit.Placement.Onnx": (2400, 2499),
    "DynaSplit.OpenInference": (3100, 3199),
    "DynaSplit.Serving": (3200, 3299),
    "DynaSplit.OnnxRuntime": (4000, 4099),
    "DynaSplit.Energy.Estimation": (5000, 5099),
    "DynaSplit.Energy.Ina": (5100, 5199),
    "DynaSplit.Energy.Nvml": (5200, 5299),
    "DynaSplit.Energy.Rapl": (5300, 5399),
    "DynaSplit.Hardware.Linux": (6000, 6099),
    "DynaSplit.Diagnostics.HealthChecks": (7000, 7099),
    "DynaSplit.Instrumentation.OpenTelemetry": (7100, 7199),
}

ATTRIBUTE = re.compile(r'\[LoggerMessage\((.*?")\s*\)\]\s*(?:\[[^\]]*\]\s*)*(?:[\w<>?,]+\s+)*?void\s+(\w+)\s*\(', re.S)
EXPRESSION = re.compile(r'new EventId\((\d+), "(\w+)"\)')
UNTAGGED = re.compile(r"\.Log(Trace|Debug|Information|Warning|Error|Critical)\((?!\s*new EventId)")


def main() -> int:
    check = "--check" in sys.argv[1:]
    rows, problems = [], []
    for path in sorted(glob.glob("src/*/**/*.cs", recursive=True)):
        if "/obj/" in path or "/bin/" in path:
            continue
        assembly = path.split("/")[1]
        text = open(path, encoding="utf-8").read()
        for m in ATTRIBUTE.finditer(text):
            arguments, method = m.group(1), m.group(2)
            event_id = re.search(r"EventId\s*=\s*(\d+)", arguments)
            level = re.search(r"Level\s*=\s*LogLevel\.(\w+)", arguments)
            name = re.search(r'EventName\s*=\s*"(\w+)"', arguments)
            message = re.search(r'Message\s*=\s*"((?:[^"\\]|\\.)*)"', arguments)
            if event_id is None:
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{path}:{line}: [LoggerMessage] on {method} without an EventId")
                continue
            rows.append((int(event_id.group(1)), assembly, level.group(1) if level else "(in the call)",
                         name.group(1) if name else method, message.group(1) if message else "", path))
        for m in EXPRESSION.finditer(text):
            rows.append((int(m.group(1)), assembly, "(in the call)", m.group(2), "", path))
        for m in UNTAGGED.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            problems.append(f"{path}:{line}: Log{m.group(1)} without an event id (declare a [LoggerMessage] with one)")
    rows.sort()
    seen = {}
    for event_id, assembly, _, name, _, path in rows:
        if event_id in seen:
            problems.append(f"{path}: event id {event_id} ({name}) is also used by {seen[event_id]}")
        seen[event_id] = f"{assembly} {name}"
        low, high = RANGES.get(assembly, (None, None))
        if low is None:
            problems.append(f"{path}: {assembly} has no event id range in eng/log-events.py and docs/logging.md")
        elif not low <= event_id <= high:
            problems.append(f"{path}: event id {event_id} ({name}) is outside {assembly}'s range {low}-{high}")

    print("| id | assembly | level | name | message |")
    print("| ---: | --- | --- | --- | --- |")
    for event_id, assembly, level, name, message, _ in rows:
        cell = message.replace("|", "\\|")
        print(f"| {event_id} | {assembly} | {level} | {name} | {cell} |")
    if check and problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
