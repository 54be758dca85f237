"""What the gen_*.py scripts share: the JSON layout of a vector file and the
record of a Python exception.

The layout puts one case per line: the files stay compact, and when CPython
or the inputs change, a diff shows exactly the cases that changed.
"""

import json


def dump(data, ascii_records=True):
    """`data` (a dict) as the text of a vector file: lists of records (dicts or
    lists) one record per line, every other value on its key's line."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value and isinstance(value[0], (dict, list)):
            lines.append(f" {json.dumps(key)}: [")
            lines.extend(f"  {json.dumps(v, ensure_ascii=ascii_records)}" + ("," if j < len(value) - 1 else "")
                         for j, v in enumerate(value))
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def error_record(exc):
    """{"error": {"class", "message"}}: the class as Python names it
    (`ValueError`, `binascii.Error`) and `str(exc)`."""
    cls = type(exc)
    name = cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"
    return {"error": {"class": name, "message": str(exc)}}
